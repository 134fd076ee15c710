//! How the default rules read news syntax: one case per line, the text and the
//! edges it must give (`source relation target`, `not` for negated), nothing more.

use crate::support::repo;
use actorgraph::reading::Extractor;

/// The edges of `text` that start at byte `from` or later: the role edges (`leads`/`represents`)
/// or the others, as `source [not ]relation target`, with ` <- speaker` when `speaker`; sorted,
/// each once.
fn edges(x: &Extractor, text: &str, from: usize, roles: bool, speaker: bool) -> Vec<String> {
    let ex = x.extract(text, Some("2026-02-01"), true);
    let mut got: Vec<String> = ex
        .relations
        .iter()
        .filter(|r| (r.relation == "leads" || r.relation == "represents") == roles && r.start >= from)
        .map(|r| {
            let mut e = format!(
                "{} {}{} {}",
                ex.actor(x.rules, r.source).id,
                if r.negated { "not " } else { "" },
                r.relation,
                ex.actor(x.rules, r.target).id
            );
            if speaker {
                e.push_str(" <- ");
                e.push_str(r.said_by.map_or("null", |s| ex.actor(x.rules, s).id.as_str()));
            }
            e
        })
        .collect();
    got.sort();
    got.dedup();
    got
}

fn check(x: &Extractor, text: &str, expected: &[&str]) {
    let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(edges(x, text, 0, false, false), want, "{text}");
}

#[test]
fn news_syntax() {
    let rules = actorgraph::rules::load(&repo().join("rules")).expect("default rules load");
    let x = Extractor::new(&rules);
    // Hyphenated words are one word: the gap before the noun stays short.
    check(
        &x,
        "Russia's full-scale invasion of Ukraine began in 2022.",
        &["russia attacks ukraine"],
    );
    // Zero-width characters from web pages are not words.
    check(
        &x,
        "Russia \u{200d}attacked \u{200b}Ukraine's energy system.",
        &["russia attacks ukraine"],
    );
    // A verb form after a determiner or a preposition is a noun.
    check(
        &x,
        "Guarantees from Europe are prerequisites for talks with Moscow.",
        &[],
    );
    check(
        &x,
        "Poland was instrumental in supporting Ukraine.",
        &["poland supports ukraine"],
    );
    // A nominal pattern does not reach across a preposition to its owner ...
    check(
        &x,
        "Macron resumed contact with Putin on the war in Ukraine.",
        &["emmanuel_macron negotiates vladimir_putin"],
    );
    // ... nor read a place as one.
    check(&x, "It mixed stability in Europe and the war in Ukraine.", &[]);
    // Possessive pronouns and demonyms own their nouns.
    check(
        &x,
        "Russia repeated its justifications for its invasion of Ukraine.",
        &["russia attacks ukraine"],
    );
    check(
        &x,
        "The map shows the Russian invasion of Ukraine.",
        &["russia attacks ukraine"],
    );
    // The nearest noun is the trigger: a war of aggression is an attack.
    check(
        &x,
        "NATO condemns Russia's war of aggression against Ukraine.",
        &["nato opposes russia", "russia attacks ukraine"],
    );
    // A name continued by another capitalized word is another name.
    check(
        &x,
        "At the Washington Summit, leaders announced a pledge for Ukraine.",
        &[],
    );
    check(
        &x,
        "The Washington Post reported that Germany backs Ukraine.",
        &["germany supports ukraine"],
    );
    // Possessive pronouns can be a source, and gaps pass over them.
    check(
        &x,
        "Hungary threatened to halt its power exports to Ukraine.",
        &["hungary threatens ukraine"],
    );
    // A source followed by "and" + the verb is the object of an earlier verb.
    check(
        &x,
        "Moscow wants to destabilize Europe and undermine NATO.",
        &["russia opposes europe"],
    );
    // Title variants: the longest title wins, and an unknown first name before a known
    // surname is that person.
    check(
        &x,
        "US Vice President Jay Dee Vance met Italian Prime Minister Giorgio Meloni.",
        &["jd_vance negotiates giorgia_meloni"],
    );
    // Negation cues reach a verb after its subject; "no indication he met" says neither that he
    // met nor that he did not: no edge (GUIDELINES section 3: negated is what the text denies).
    check(
        &x,
        "Dmitriev never met with the Ukrainian side.",
        &["kirill_dmitriev not negotiates ukraine"],
    );
    check(&x, "There was no indication Dmitriev met with the Ukrainian side.", &[]);
    // A leader praising their own state's forces is no relation; the chief of Germany's
    // BND is not Germany's leader.
    check(&x, "Zelensky praised Ukrainian forces.", &[]);
    // Members of one side do not negotiate with each other.
    check(
        &x,
        "Dmitriev and Witkoff, along with Kushner, met in January.",
        &[
            "kirill_dmitriev negotiates jared_kushner",
            "kirill_dmitriev negotiates steve_witkoff",
        ],
    );
    // Participle appositions.
    check(
        &x,
        "Ukraine, backed by the United States, held the line.",
        &["united_states supports ukraine"],
    );
    // Understood subjects: participle and gerund clauses take the main clause's subject ...
    check(
        &x,
        "Trump spoke with Putin before consulting Kyiv.",
        &[
            "donald_trump negotiates ukraine",
            "donald_trump negotiates vladimir_putin",
        ],
    );
    check(
        &x,
        "Russia struck Kharkiv overnight, targeting Ukraine's energy grid.",
        &["russia attacks ukraine"],
    );
    // ... not the object's ("accused Russia of attacking"), and not a speaker's.
    check(
        &x,
        "Zelensky said Russia launched a new offensive, attacking Kharkiv and threatening Ukraine.",
        &["russia threatens ukraine"],
    );
    // ... a second verb takes the first one's subject ...
    check(
        &x,
        "Trump set out deadlines for an agreement and threatened Moscow with sanctions.",
        &["donald_trump threatens russia"],
    );
    // ... a relative takes its antecedent, or the owner of "S's N ..., which".
    check(
        &x,
        "Trump's negotiations with Putin, which have sidelined Ukraine, worried Brussels.",
        &[
            "donald_trump excludes ukraine",
            "donald_trump negotiates vladimir_putin",
        ],
    );
    check(
        &x,
        "Europe, which will not be able to support Zelensky for long, waits.",
        &["europe not supports volodymyr_zelensky"],
    );
    // "together with" joins two sources; an unknown first name before a known surname is that person.
    check(
        &x,
        "According to Lavrov, European leaders, together with Vladimir Zelensky, promote the idea of isolating Russia.",
        &[
            "europe cooperates volodymyr_zelensky",
            "europe excludes russia",
            "volodymyr_zelensky excludes russia",
        ],
    );
    // A plural pronoun right after a coordination stands for all of it.
    check(
        &x,
        "Russia sent drafts to the United States and NATO, forcing them to reply.",
        &[
            "russia negotiates nato",
            "russia negotiates united_states",
            "russia pressures nato",
            "russia pressures united_states",
        ],
    );
    // Overlapping mentions in a headline are no reason to fail.
    check(
        &x,
        "Peace Talks: U.S. Move, European Concerns & Ukrainian Resistance. They met.",
        &[],
    );
    // "NATO Foreign Ministers" are "they"; an earlier sentence's subject is not the object of a preposition.
    check(
        &x,
        "After the annexation of Crimea by Russia, NATO Foreign Ministers met. They decided to develop their practical support to Ukraine.",
        &["nato supports ukraine"],
    );
    // A person the rules do not know, acting in between, is the likelier "he"; one they know is "he".
    check(
        &x,
        "Putin spoke on television. Kovalchuk tried to canvass support. In the room, he was supported by Reznikov.",
        &[],
    );
    check(
        &x,
        "Putin spoke on television. Zaluzhnyi tried to canvass support. In the room, he was supported by Reznikov.",
        &["oleksii_reznikov supports valerii_zaluzhnyi"],
    );
    // A plural demonym opens a clause after a fronted phrase; "the country's" is a determiner.
    check(
        &x,
        "Instead, Ukrainians should focus on convincing the country's European partners.",
        &["ukraine demands europe"],
    );
    // An agent after "by" is not the subject of the verb after it.
    check(
        &x,
        "France will back Ukraine, pressured by Washington to wrap up a deal with Russia.",
        &["france supports ukraine"],
    );
    // "which" for a whole clause takes that clause's subject (a title before it is part of it).
    check(
        &x,
        "Defense Secretary Pete Hegseth ruled out the idea, calling it \u{201c}unrealistic,\u{201d} which marked a major concession to Russia.",
        &["pete_hegseth concedes russia"],
    );
    // The subject of an infinitive after "for" is its source.
    check(
        &x,
        "It is much easier for Washington to outsource this issue to the Europeans.",
        &["united_states pressures europe"],
    );
    // A purpose clause after a verb of travel takes its subject; a header is not the subject.
    check(
        &x,
        "Trump envoy Steve Witkoff travelled to Moscow to meet Putin on August 6.",
        &["steve_witkoff negotiates vladimir_putin"],
    );
    // A participle after a comma is not the object's: "keep the Assad regime in power, thereby undermining".
    check(
        &x,
        "The war reduced its ability to keep the Assad regime in power, thereby undermining Russia's position.",
        &[],
    );
    // "both sides" is the pair named "A and B" in the sentence, or in the one before.
    check(
        &x,
        "Talks between Russia and Ukraine stalled. Beijing urged both sides to resume talks.",
        &[
            "china demands russia",
            "china demands ukraine",
            "russia negotiates ukraine",
        ],
    );
    check(
        &x,
        "The United States has been pressing both sides to settle a dispute between Moscow and Kyiv.",
        &["united_states demands russia", "united_states demands ukraine"],
    );
    // A negation before the source's clause is not its: "If the deadline is not met, ...".
    check(
        &x,
        "If the deadline is not met, Washington will put pressure on Kyiv.",
        &["united_states pressures ukraine"],
    );
    // Meeting a deadline is no meeting.
    check(&x, "Russia and Ukraine failed to meet the deadline.", &[]);
    // An implied target is that actor alone, and only when the match names no target.
    check(
        &x,
        "Since Russia's full-scale invasion in February 2022, the EU has sent aid to Ukraine and Moldova.",
        &[
            "european_union supports moldova",
            "european_union supports ukraine",
            "russia attacks ukraine",
        ],
    );
    check(
        &x,
        "Russia's invasion of Georgia in 2008 alarmed Ukraine.",
        &["russia attacks georgia"],
    );
    // "including" adds the members of a group to it.
    check(
        &x,
        "Umerov said he had updated European partners — including France, Germany and Italy — on the talks.",
        &[
            "rustem_umerov negotiates europe",
            "rustem_umerov negotiates france",
            "rustem_umerov negotiates germany",
            "rustem_umerov negotiates italy",
        ],
    );
    // A group of states and their own officials: states meet states, persons meet persons.
    check(
        &x,
        "Delegations from Washington and the Kremlin, including US Secretary of State Marco Rubio and Russian Foreign Minister Lavrov, met in Saudi Arabia.",
        &["russia negotiates united_states", "sergei_lavrov negotiates marco_rubio"],
    );
    // "their" after a list of three stands for all of it.
    check(
        &x,
        "France, Germany and the United Kingdom will dispatch their envoys to back Ukraine.",
        &[
            "france supports ukraine",
            "germany supports ukraine",
            "united_kingdom supports ukraine",
        ],
    );
    // A bare title before the target is no gap: "berated President Zelenskyy".
    check(
        &x,
        "President Trump and Vice President JD Vance berated President Zelenskyy.",
        &[
            "donald_trump opposes volodymyr_zelensky",
            "jd_vance opposes volodymyr_zelensky",
        ],
    );
    // A passive without "by" is no act of its subject.
    check(
        &x,
        "Around 55,000 Ukrainian troops have been killed since the start of the war, Zelensky said.",
        &[],
    );
    // "in order to" takes the clause's subject, past its object.
    check(
        &x,
        "Trump wants to pull Russia out of China's orbit in order to weaken Beijing.",
        &["donald_trump opposes china"],
    );
    // A pattern that spells its own "not": "did not consult" excludes.
    check(
        &x,
        "Putin did not consult Western leaders when he invited North Korean soldiers.",
        &[
            "vladimir_putin excludes the_west",
            "vladimir_putin not negotiates the_west",
        ],
    );
    // "for him to V": an object pronoun can be the subject of an infinitive.
    check(
        &x,
        "Trump spoke. It is much easier for him to outsource this issue to the Europeans.",
        &["donald_trump pressures europe"],
    );
    // "and has forced": a second verb after an auxiliary.
    check(
        &x,
        "Kyiv has managed to decimate the Black Sea Fleet and has forced Putin to withdraw.",
        &["ukraine pressures vladimir_putin"],
    );
    // "it" after "warned" is the warner.
    check(
        &x,
        "The Kremlin wants talks on Ukraine and has warned it will pursue military means.",
        &[],
    );
    // Members of one side do not negotiate with each other.
    check(&x, "Putin's envoy Kirill Dmitriev attended the talks with Putin.", &[]);
    // The owner of a control noun does the infinitive after it.
    check(
        &x,
        "Trump's plan to meet Putin was welcomed.",
        &["donald_trump negotiates vladimir_putin"],
    );
    // An actor named twice in a row ("the United Nations (UN) General Assembly") is one mention,
    // and it is no source after "of"; the tree reads the demand of the subject across the
    // parenthesis.
    check(
        &x,
        "NATO Allies, in concert with resolutions of the United Nations (UN) General Assembly, demand that Russia stop the war.",
        &["nato demands russia"],
    );
    // A hostile act's target inside the rejected thing is not the rejected party.
    check(
        &x,
        "Poland still rejected the idea of a full-scale invasion targeting Kyiv.",
        &[],
    );
    // A generic office ("Russia's ambassador") names no particular holder; "the Kremlin spokesman" does.
    check(
        &x,
        "Poland summoned Russia's ambassador over the incursion.",
        &["poland opposes russia"],
    );
    // Troops sent into a state attack it; troops deployed to it support it.
    check(&x, "Russia sent troops into Ukraine.", &["russia attacks ukraine"]);
    // Demonyms own what is struck and what is sanctioned.
    check(
        &x,
        "Ukraine struck a Russian oil refinery.",
        &["ukraine attacks russia"],
    );
    check(
        &x,
        "The EU's 19th sanctions package against Russia was adopted.",
        &["european_union pressures russia"],
    );
    // A verb that turns the noun around stands between no owner and its noun.
    check(&x, "Orban has opposed sanctions against Russia.", &[]);
    check(&x, "Trump lifted sanctions on Belarus.", &[]);
    // (Agreeing to the request is cooperation; the paused attacks are no attack.)
    check(
        &x,
        "Putin agreed to Trump's request to pause attacks on Ukraine's energy infrastructure.",
        &["vladimir_putin cooperates donald_trump"],
    );
    // "it was ready to" is a mention; "denied" negates; "rallied behind" supports.
    check(
        &x,
        "The Kremlin said it was ready to resume talks with Kyiv.",
        &["russia negotiates ukraine"],
    );
    check(
        &x,
        "China has denied supplying weapons to Russia.",
        &["china not supports russia"],
    );
    check(
        &x,
        "European leaders rallied behind Zelensky after the clash.",
        &["europe supports volodymyr_zelensky"],
    );
    // A leader noun with its determiner before a name is a header too.
    check(
        &x,
        "Sybiha met his Chinese counterpart Wang Yi.",
        &["andrii_sybiha negotiates wang_yi"],
    );
    // "the plan of X is to V": X does it.
    check(
        &x,
        "The goal of Russia is to undermine Ukraine's statehood.",
        &["russia opposes ukraine"],
    );
    // "For X, it is important to V": X does the infinitives.
    check(
        &x,
        "For Russia, it is important to keep Trump from imposing sanctions and to restrain Europe.",
        &["russia pressures donald_trump", "russia pressures europe"],
    );
    // A contrary verb between the source and the trigger turns it around ("opposed sending"
    // gives no edge); "refused to" negates. Condemned attacks did happen: the UN's condemnation
    // is its own edge beside "russia attacks ukraine" (as the devgold annotates this phrase).
    check(&x, "Orban opposed sending weapons to Ukraine.", &[]);
    check(
        &x,
        "The UN condemned the latest attacks against civilians in Ukraine by Russian forces.",
        &["russia attacks ukraine", "united_nations opposes russia"],
    );
    check(
        &x,
        "Russia refused to negotiate with Ukraine.",
        &["russia not negotiates ukraine", "russia rejects ukraine"],
    );
    // The verb after a participle apposition takes the slot the apposition follows.
    check(
        &x,
        "The Ukrainian delegation, led by Umerov, met the Russian side in Istanbul.",
        &["ukraine negotiates russia"],
    );
    check(
        &x,
        "Britain will provide £2 billion to Ukraine.",
        &["united_kingdom supports ukraine"],
    );
    check(
        &x,
        "Moscow and Beijing pledged a no-limits partnership.",
        &["russia cooperates china"],
    );
    // A purpose clause after "in an attempt to" is its clause subject's.
    check(
        &x,
        "Washington slowed the sale of Lukoil's assets in an attempt to increase pressure on Moscow.",
        &["united_states pressures russia"],
    );
    // A possessive after a preposition of means is the subject's, and an owner does not reach its
    // noun across "through".
    check(
        &x,
        "China backed Russia's war through its support for Iran.",
        &["china supports iran", "china supports russia"],
    );
    // A role apposition reads as its person, on either side of the name.
    check(
        &x,
        "Russia was unable to protect the Venezuelan president, Nicolás Maduro, from being seized.",
        &["russia not supports nicolas_maduro"],
    );
    check(
        &x,
        "Kirill Dmitriev, head of Russia's sovereign wealth fund, met Witkoff in Miami.",
        &["kirill_dmitriev negotiates steve_witkoff"],
    );
    // "X and other Y" coordinates.
    check(
        &x,
        "Trump hosted Zelenskyy and other European leaders in Washington.",
        &[
            "donald_trump negotiates europe",
            "donald_trump negotiates volodymyr_zelensky",
        ],
    );
    // A group's one-way relation holds both ways.
    check(
        &x,
        "Russia and Ukraine exchanged drone strikes overnight.",
        &["russia attacks ukraine", "ukraine attacks russia"],
    );
    // Excluded from talks of a pair: both of the pair exclude.
    check(
        &x,
        "Europe was sidelined from US-Russia negotiations.",
        &[
            "russia excludes europe",
            "united_states excludes europe",
            "united_states negotiates russia",
        ],
    );
}

/// The `leads`/`represents` edges of `text`, as `person relation org`.
fn roles(x: &Extractor, text: &str) -> Vec<String> {
    edges(x, text, 0, true, false)
}

#[test]
fn role_appositions() {
    let rules = actorgraph::rules::load(&repo().join("rules")).expect("default rules load");
    let x = Extractor::new(&rules);
    let cases: &[(&str, &[&str])] = &[
        // A title, a comma, a name the rules do not know: a new person.
        (
            "Ukraine's defense minister, Mykhailo Fedorov, told journalists.",
            &["mykhailo_fedorov represents ukraine"],
        ),
        (
            "It was unable to protect the Venezuelan president, Nicolás Maduro, from being seized.",
            &["nicolas_maduro leads venezuela"],
        ),
        // Particles and hyphens inside a name.
        (
            "He met the Omani foreign minister, Badr bin Hamad al-Busaidi, on Monday.",
            &["badr_bin_hamad_al_busaidi represents oman"],
        ),
        // Name first: an office of a body the state owns is a representative's.
        (
            "Kirill Dmitriev, head of Russia's sovereign wealth fund, will lead the talks.",
            &["kirill_dmitriev represents russia"],
        ),
        (
            "Rafael Grossi, head of the UN's nuclear watchdog, met him.",
            &["rafael_grossi represents united_nations"],
        ),
        // A plural title covers every name after it.
        (
            "Zelensky met US envoys Witkoff and Kushner in Berlin.",
            &[
                "jared_kushner represents united_states",
                "steve_witkoff represents united_states",
            ],
        ),
        // Not an apposition of office: a team name, a place before a title and a name, a weekday.
        (
            "Russia is losing men, according to Christina Harward, deputy Russia team lead at the institute.",
            &[],
        ),
        (
            "Briefing reporters in New York, UN Spokesperson Stéphane Dujarric said the strike was unacceptable.",
            &["stephane_dujarric represents united_nations"],
        ),
        ("Last Friday, the Kremlin rejected the plan.", &[]),
        // A delegation led by someone: each leader represents its state; a rank is no part of a name.
        (
            "The U.S. delegation was led by presidential peace envoy Steve Witkoff and Jared Kushner.",
            &[
                "jared_kushner represents united_states",
                "steve_witkoff represents united_states",
            ],
        ),
        (
            "The Russian delegation was led by Admiral Igor Kostyukov.",
            &["igor_kostyukov represents russia"],
        ),
        // A delegation's list of members; an office with no state is a known person's own.
        (
            "The Russian team included Kirill Dmitriev, the head of the fund, and Igor Kostyukov, the head of the GRU.",
            &["igor_kostyukov represents russia", "kirill_dmitriev represents russia"],
        ),
        (
            "Army General Valery Gerasimov, the chief of the General Staff, met him.",
            &["valery_gerasimov represents russia"],
        ),
        // Appointed as an office.
        (
            "The Kremlin reappointed nationalist figure Vladimir Medinsky as its chief negotiator.",
            &["vladimir_medinsky represents russia"],
        ),
        // A possessor, an office and a name: "its" after the pronoun pass, a state possessor, an
        // office of the possessor's body, a person possessor as written or the state a title names.
        (
            "China sent observers. In a major surprise, Beijing sent its special envoy, Li Hui, to the talks.",
            &["li_hui represents china"],
        ),
        (
            "They met secretary of Ukraine's national security and defence council, Rustem Umerov, in Geneva.",
            &["rustem_umerov represents ukraine"],
        ),
        (
            "He spoke often to Putin's deputy chief of staff, Dmitry Kozak, last year.",
            &["dmitry_kozak represents vladimir_putin"],
        ),
        (
            "The delegation was led by Russian President Vladimir Putin's aide, Vladimir Medinsky, as before.",
            &["vladimir_medinsky represents russia", "vladimir_putin leads russia"],
        ),
        // Not an office: kin, allies; a bare "the president" is too vague a possessor.
        ("Trump's son-in-law, Jared Kushner, flew in.", &[]),
        ("Russia's allies, Belarus and Iran, stayed silent.", &[]),
        (
            "The team includes the president's chief of staff, Kyrylo Budanov, as before.",
            &[],
        ),
        // ... but "the US president's" names its state.
        (
            "The team includes the US president's chief of staff, Susie Wiles, as before.",
            &[
                "donald_trump leads united_states",
                "susie_wiles represents united_states",
            ],
        ),
    ];
    for (text, want) in cases {
        assert_eq!(roles(&x, text), *want, "{text}");
    }
    // A person named by apposition can act.
    check(
        &x,
        "Zelensky met US envoys Witkoff and Kushner in Berlin.",
        &[
            "volodymyr_zelensky negotiates jared_kushner",
            "volodymyr_zelensky negotiates steve_witkoff",
        ],
    );
}

/// `said_by` of every non-role edge of `text` after `context`: `source relation target <- speaker`.
fn speakers(x: &Extractor, context: &str, text: &str) -> Vec<String> {
    edges(x, &format!("{context} {text}"), context.len(), false, true)
}

#[test]
fn speakers_of_reported_relations() {
    let rules = actorgraph::rules::load(&repo().join("rules")).expect("default rules load");
    let x = Extractor::new(&rules);
    // A named speaker before or after the verb, or "according to".
    assert_eq!(
        speakers(&x, "", "Russia rejected the plan for Ukraine, said Lavrov."),
        ["russia rejects ukraine <- sergei_lavrov"]
    );
    assert_eq!(
        speakers(&x, "", "According to Peskov, Washington pressured Kyiv."),
        ["united_states pressures ukraine <- dmitry_peskov"]
    );
    // "made it clear" says it too (and its "it" stands for nothing).
    assert_eq!(
        speakers(
            &x,
            "Russia rejected the plan.",
            "Trump has also made it clear that the United States would not deploy troops to Ukraine."
        ),
        ["united_states not supports ukraine <- donald_trump"]
    );
    // A speaker who did not speak, and a pronoun after the verb, are no speakers.
    assert_eq!(
        speakers(
            &x,
            "",
            "The Kremlin has not confirmed the figures, but Ukrainian officials boasted of killing 35,000 Russian troops."
        ),
        ["ukraine attacks russia <- null"]
    );
    assert_eq!(
        speakers(
            &x,
            "The United States sent envoys to Hong Kong.",
            "But the Hong Kong government said it would not enforce Western sanctions on Russia."
        ),
        ["the_west pressures russia <- null"]
    );
    // A speaker the rules do not know is made a person for said_by, and the surname alone
    // names them again.
    assert_eq!(
        speakers(
            &x,
            "",
            "Political scientist Ivan Lizan believes that Europe will isolate Russia."
        ),
        ["europe excludes russia <- ivan_lizan"]
    );
    assert_eq!(
        speakers(
            &x,
            "Political scientist Ivan Lizan believes Russia will wait.",
            "Europe will isolate Russia, Lizan said."
        ),
        ["europe excludes russia <- ivan_lizan"]
    );
    // "We" in a quotation is the side its speaker leads or speaks for; a subject "we" opens a
    // clause of its own and is no member of the coordination before it.
    assert_eq!(
        speakers(
            &x,
            "",
            "\u{201c}We will keep supporting Ukraine and we will never accept Russian terms,\u{201d} Starmer said."
        ),
        [
            "united_kingdom rejects russia <- keir_starmer",
            "united_kingdom supports ukraine <- keir_starmer"
        ]
    );
    // A quotation over several sentences is its speaker's throughout.
    assert_eq!(
        speakers(
            &x,
            "Lavrov spoke on Monday.",
            "\u{201c}Europe is trying to isolate Russia. NATO arms Kyiv,\u{201d} the Russian foreign minister said."
        ),
        [
            "europe excludes russia <- sergei_lavrov",
            "nato supports ukraine <- sergei_lavrov"
        ]
    );
}

/// The actors a document's graph records list: an actor named only as a place is none.
#[test]
fn places_are_not_actors() {
    let rules = actorgraph::rules::load(&repo().join("rules")).expect("default rules load");
    let x = Extractor::new(&rules);
    let actors = |text: &str| -> Vec<String> {
        let doc = actorgraph::ingest::Document::new("d", None, text.to_string(), None, Some("2026-02-01".into()));
        let ex = x.extract(&doc.text, doc.date.as_deref(), true);
        actorgraph::graph::document_records(&rules, &doc, &ex)
            .into_iter()
            .filter_map(|r| match r {
                actorgraph::graph::Record::Node(n) => Some(n.id),
                _ => None,
            })
            .collect()
    };
    assert_eq!(
        actors("Russia and Ukraine met for talks in Abu Dhabi, United Arab Emirates, and in Istanbul and Geneva."),
        ["russia", "ukraine"]
    );
    assert_eq!(
        actors("Putin deployed nuclear weapons in neighboring Belarus."),
        ["vladimir_putin"]
    );
    // Named as an actor elsewhere, or an end of an edge, it counts.
    assert_eq!(
        actors("Putin deployed nuclear weapons in Belarus. Belarus welcomed them."),
        ["belarus", "vladimir_putin"]
    );
    assert_eq!(
        actors("The war in Russia's neighbour alarmed Kyiv."),
        ["russia", "ukraine"]
    );
}

/// A nominal relation followed by a modal, or after a hedge, is predicted, not reported: hedged.
#[test]
fn modal_after_a_noun_hedges() {
    let rules = actorgraph::rules::load(&repo().join("rules")).expect("default rules load");
    let x = Extractor::new(&rules);
    let hedged = |text: &str| -> Vec<bool> {
        x.extract(text, Some("2026-02-01"), true)
            .relations
            .iter()
            .filter(|r| r.relation == "negotiates")
            .map(|r| r.hedged)
            .collect()
    };
    assert_eq!(
        hedged("Trump said U.S.-Russia negotiations would begin immediately."),
        [true]
    );
    assert_eq!(hedged("U.S.-Russia negotiations began in Riyadh."), [false]);
    // A hedge right before a nominal match counts; a negation there belongs to another verb.
    assert_eq!(hedged("They spoke of possible talks between Trump and Putin."), [true]);
    let ex = x.extract(
        "Hong Kong would not enforce Western sanctions on Russia.",
        Some("2026-02-01"),
        true,
    );
    assert!(ex.relations.iter().any(|r| r.relation == "pressures" && !r.negated));
}
