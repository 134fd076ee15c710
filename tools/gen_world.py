#!/usr/bin/env python3
"""Generates rules/actors/world_states.toml and world_organizations.toml.

The facts (names, abbreviations, demonyms, capitals) are written here from
general knowledge; run `python3 tools/gen_world.py` after editing and commit
the generated files. Core actors (rules/actors/core.toml) are skipped.
Ids: snake_case of the common English short name (docs/rules.md#actors).
"""
import os, re, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
# GEN_WORLD_OUT writes the generated files elsewhere (tests compare them with the committed ones);
# core.toml is always read from rules/actors.
CORE = os.path.join(HERE, "..", "rules", "actors")
ACTORS = os.environ.get("GEN_WORLD_OUT") or CORE

# id | label | other names (;) | demonym adjective | plural demonym | capital/seat metonyms (;)
STATES = """
afghanistan|Afghanistan|Islamic Emirate of Afghanistan|Afghan|Afghans|Kabul
albania|Albania|Republic of Albania|Albanian|Albanians|Tirana
algeria|Algeria||Algerian|Algerians|Algiers
andorra|Andorra||Andorran|Andorrans|Andorra la Vella
angola|Angola||Angolan|Angolans|Luanda
antigua_and_barbuda|Antigua and Barbuda||Antiguan|Antiguans|
argentina|Argentina|Argentine Republic|Argentine|Argentines|Buenos Aires;Casa Rosada
armenia|Armenia||Armenian|Armenians|Yerevan
australia|Australia|Commonwealth of Australia|Australian|Australians|Canberra
austria|Austria|Republic of Austria|Austrian|Austrians|Vienna
azerbaijan|Azerbaijan||Azerbaijani|Azerbaijanis|Baku
bahamas|Bahamas|The Bahamas|Bahamian|Bahamians|Nassau
bahrain|Bahrain||Bahraini|Bahrainis|Manama
bangladesh|Bangladesh||Bangladeshi|Bangladeshis|Dhaka
barbados|Barbados||Barbadian|Barbadians|Bridgetown
belarus|Belarus|Republic of Belarus;Byelorussia|Belarusian|Belarusians|Minsk
belgium|Belgium|Kingdom of Belgium|Belgian|Belgians|
belize|Belize||Belizean|Belizeans|Belmopan
benin|Benin||Beninese||Porto-Novo;Cotonou
bhutan|Bhutan||Bhutanese||Thimphu
bolivia|Bolivia||Bolivian|Bolivians|La Paz;Sucre
bosnia_and_herzegovina|Bosnia and Herzegovina|Bosnia-Herzegovina;Bosnia|Bosnian|Bosnians|Sarajevo
botswana|Botswana||Botswanan|Batswana|Gaborone
brazil|Brazil|Federative Republic of Brazil|Brazilian|Brazilians|Brasilia;Brasília;Planalto
brunei|Brunei|Brunei Darussalam|Bruneian|Bruneians|Bandar Seri Begawan
bulgaria|Bulgaria||Bulgarian|Bulgarians|Sofia
burkina_faso|Burkina Faso||Burkinabe||Ouagadougou
burundi|Burundi||Burundian|Burundians|Gitega;Bujumbura
cabo_verde|Cabo Verde|Cape Verde|Cape Verdean|Cape Verdeans|Praia
cambodia|Cambodia||Cambodian|Cambodians|Phnom Penh
cameroon|Cameroon||Cameroonian|Cameroonians|Yaounde;Yaoundé
canada|Canada||Canadian|Canadians|Ottawa
central_african_republic|Central African Republic|CAR||| Bangui
chad|Chad||Chadian|Chadians|N'Djamena
chile|Chile||Chilean|Chileans|Santiago
colombia|Colombia||Colombian|Colombians|Bogota;Bogotá
comoros|Comoros||Comorian|Comorians|Moroni
republic_of_the_congo|Republic of the Congo|Congo-Brazzaville;Republic of Congo|Congolese||Brazzaville
democratic_republic_of_the_congo|Democratic Republic of the Congo|DR Congo;DRC;Democratic Republic of Congo;Congo-Kinshasa;DR Congo|||Kinshasa
costa_rica|Costa Rica||Costa Rican|Costa Ricans|San Jose;San José
ivory_coast|Ivory Coast|Côte d'Ivoire;Cote d'Ivoire|Ivorian|Ivorians|Yamoussoukro;Abidjan
croatia|Croatia||Croatian|Croatians|Zagreb
cuba|Cuba||Cuban|Cubans|Havana
cyprus|Cyprus||Cypriot|Cypriots|Nicosia
czechia|Czechia|Czech Republic|Czech|Czechs|Prague
denmark|Denmark|Kingdom of Denmark|Danish|Danes|Copenhagen
djibouti|Djibouti||Djiboutian|Djiboutians|
dominica|Dominica||Dominican||Roseau
dominican_republic|Dominican Republic||||Santo Domingo
ecuador|Ecuador||Ecuadorian|Ecuadorians|Quito
egypt|Egypt|Arab Republic of Egypt|Egyptian|Egyptians|Cairo
el_salvador|El Salvador||Salvadoran|Salvadorans|San Salvador
equatorial_guinea|Equatorial Guinea||Equatoguinean||Malabo
eritrea|Eritrea||Eritrean|Eritreans|Asmara
estonia|Estonia|Republic of Estonia|Estonian|Estonians|Tallinn
eswatini|Eswatini|Swaziland|Swazi|Swazis|Mbabane
ethiopia|Ethiopia||Ethiopian|Ethiopians|Addis Ababa
fiji|Fiji||Fijian|Fijians|Suva
finland|Finland|Republic of Finland|Finnish|Finns|Helsinki
france|France|French Republic|French|the French|Paris;the Elysee;the Élysée;Elysee Palace;Élysée Palace;Quai d'Orsay
gabon|Gabon||Gabonese||Libreville
gambia|Gambia|The Gambia|Gambian|Gambians|Banjul
georgia|Georgia||Georgian|Georgians|Tbilisi
germany|Germany|Federal Republic of Germany|German|Germans|Berlin;Bundestag
ghana|Ghana||Ghanaian|Ghanaians|Accra
greece|Greece|Hellenic Republic|Greek|Greeks|Athens
grenada|Grenada||Grenadian|Grenadians|
guatemala|Guatemala||Guatemalan|Guatemalans|Guatemala City
guinea|Guinea||Guinean|Guineans|Conakry
guinea_bissau|Guinea-Bissau|Guinea Bissau|Bissau-Guinean||Bissau
guyana|Guyana||Guyanese||
haiti|Haiti||Haitian|Haitians|Port-au-Prince
honduras|Honduras||Honduran|Hondurans|Tegucigalpa
hungary|Hungary||Hungarian|Hungarians|Budapest
iceland|Iceland||Icelandic|Icelanders|Reykjavik;Reykjavík
india|India|Republic of India|Indian|Indians|New Delhi
indonesia|Indonesia|Republic of Indonesia|Indonesian|Indonesians|Jakarta
iran|Iran|Islamic Republic of Iran|Iranian|Iranians|Tehran
iraq|Iraq||Iraqi|Iraqis|Baghdad
ireland|Ireland|Republic of Ireland|Irish|the Irish|Dublin
israel|Israel|State of Israel;Israel Defense Forces;IDF|Israeli|Israelis|Jerusalem;Tel Aviv;the Knesset
italy|Italy|Italian Republic|Italian|Italians|Rome;Palazzo Chigi
jamaica|Jamaica||Jamaican|Jamaicans|
japan|Japan||Japanese||Tokyo
jordan|Jordan|Hashemite Kingdom of Jordan|Jordanian|Jordanians|Amman
kazakhstan|Kazakhstan||Kazakh|Kazakhs|Astana
kenya|Kenya||Kenyan|Kenyans|Nairobi
kiribati|Kiribati||I-Kiribati||Tarawa
north_korea|North Korea|DPRK;Democratic People's Republic of Korea|North Korean|North Koreans|Pyongyang
south_korea|South Korea|Republic of Korea;ROK;Korea|South Korean;Korean|South Koreans;Koreans|Seoul
kuwait|Kuwait||Kuwaiti|Kuwaitis|Kuwait City
kyrgyzstan|Kyrgyzstan|Kyrgyz Republic|Kyrgyz||Bishkek
laos|Laos|Lao PDR|Laotian|Laotians|Vientiane
latvia|Latvia|Republic of Latvia|Latvian|Latvians|Riga
lebanon|Lebanon||Lebanese||Beirut
lesotho|Lesotho||Basotho||Maseru
liberia|Liberia||Liberian|Liberians|Monrovia
libya|Libya||Libyan|Libyans|Tripoli
liechtenstein|Liechtenstein||Liechtensteiner||Vaduz
lithuania|Lithuania|Republic of Lithuania|Lithuanian|Lithuanians|Vilnius
luxembourg|Luxembourg||Luxembourgish|Luxembourgers|
madagascar|Madagascar||Malagasy||Antananarivo
malawi|Malawi||Malawian|Malawians|Lilongwe
malaysia|Malaysia||Malaysian|Malaysians|Kuala Lumpur;Putrajaya
maldives|Maldives||Maldivian|Maldivians|
mali|Mali||Malian|Malians|Bamako
malta|Malta||Maltese||Valletta
marshall_islands|Marshall Islands||Marshallese||Majuro
mauritania|Mauritania||Mauritanian|Mauritanians|Nouakchott
mauritius|Mauritius||Mauritian|Mauritians|Port Louis
mexico|Mexico|United Mexican States|Mexican|Mexicans|Mexico City
micronesia|Micronesia|Federated States of Micronesia|Micronesian|Micronesians|Palikir
moldova|Moldova|Republic of Moldova|Moldovan|Moldovans|Chisinau;Chișinău
monaco|Monaco||Monegasque||
mongolia|Mongolia||Mongolian|Mongolians|Ulaanbaatar
montenegro|Montenegro||Montenegrin|Montenegrins|Podgorica
morocco|Morocco||Moroccan|Moroccans|Rabat
mozambique|Mozambique||Mozambican|Mozambicans|Maputo
myanmar|Myanmar|Burma|Myanmar|Burmese|Naypyidaw;Naypyitaw
namibia|Namibia||Namibian|Namibians|Windhoek
nauru|Nauru||Nauruan|Nauruans|
nepal|Nepal||Nepalese||Kathmandu
netherlands|Netherlands|the Netherlands;Holland|Dutch|the Dutch|Amsterdam;The Hague
new_zealand|New Zealand||New Zealand|New Zealanders|Wellington
nicaragua|Nicaragua||Nicaraguan|Nicaraguans|Managua
niger|Niger||Nigerien|Nigeriens|Niamey
nigeria|Nigeria|Federal Republic of Nigeria|Nigerian|Nigerians|Abuja
north_macedonia|North Macedonia|Macedonia|Macedonian|Macedonians|Skopje
norway|Norway|Kingdom of Norway|Norwegian|Norwegians|Oslo
oman|Oman|Sultanate of Oman|Omani|Omanis|Muscat
pakistan|Pakistan|Islamic Republic of Pakistan|Pakistani|Pakistanis|Islamabad
palau|Palau||Palauan|Palauans|Ngerulmud
panama|Panama||Panamanian|Panamanians|Panama City
papua_new_guinea|Papua New Guinea|PNG|Papua New Guinean|Papua New Guineans|Port Moresby
paraguay|Paraguay||Paraguayan|Paraguayans|Asuncion;Asunción
peru|Peru||Peruvian|Peruvians|Lima
philippines|Philippines|the Philippines|Philippine;Filipino|Filipinos|Manila;Malacañang
poland|Poland|Republic of Poland|Polish|Poles|Warsaw
portugal|Portugal||Portuguese||Lisbon
qatar|Qatar||Qatari|Qataris|Doha
romania|Romania||Romanian|Romanians|Bucharest
rwanda|Rwanda||Rwandan|Rwandans|Kigali
saint_kitts_and_nevis|Saint Kitts and Nevis|St Kitts and Nevis|Kittitian||Basseterre
saint_lucia|Saint Lucia|St Lucia|Saint Lucian|Saint Lucians|Castries
saint_vincent_and_the_grenadines|Saint Vincent and the Grenadines|St Vincent and the Grenadines|Vincentian|Vincentians|Kingstown
samoa|Samoa||Samoan|Samoans|Apia
san_marino|San Marino||Sammarinese||
sao_tome_and_principe|Sao Tome and Principe|São Tomé and Príncipe|Santomean||
saudi_arabia|Saudi Arabia|Kingdom of Saudi Arabia|Saudi|Saudis|Riyadh
senegal|Senegal||Senegalese||Dakar
serbia|Serbia||Serbian|Serbs|Belgrade
seychelles|Seychelles||Seychellois||
sierra_leone|Sierra Leone||Sierra Leonean|Sierra Leoneans|Freetown
singapore|Singapore||Singaporean|Singaporeans|
slovakia|Slovakia|Slovak Republic|Slovak|Slovaks|Bratislava
slovenia|Slovenia||Slovenian|Slovenians|Ljubljana
solomon_islands|Solomon Islands||Solomon Islander|Solomon Islanders|Honiara
somalia|Somalia||Somali|Somalis|Mogadishu
south_africa|South Africa|Republic of South Africa|South African|South Africans|Pretoria
south_sudan|South Sudan||South Sudanese||Juba
spain|Spain|Kingdom of Spain|Spanish|Spaniards|Madrid;La Moncloa
sri_lanka|Sri Lanka||Sri Lankan|Sri Lankans|Colombo
sudan|Sudan||Sudanese||Khartoum
suriname|Suriname||Surinamese||Paramaribo
sweden|Sweden|Kingdom of Sweden|Swedish|Swedes|Stockholm
switzerland|Switzerland|Swiss Confederation|Swiss|the Swiss|Bern;Berne
syria|Syria|Syrian Arab Republic|Syrian|Syrians|Damascus
tajikistan|Tajikistan||Tajik|Tajiks|Dushanbe
tanzania|Tanzania|United Republic of Tanzania|Tanzanian|Tanzanians|Dodoma;Dar es Salaam
thailand|Thailand||Thai||Bangkok
timor_leste|Timor-Leste|East Timor|Timorese||Dili
togo|Togo||Togolese||Lome;Lomé
tonga|Tonga||Tongan|Tongans|Nuku'alofa
trinidad_and_tobago|Trinidad and Tobago||Trinidadian|Trinidadians|Port of Spain
tunisia|Tunisia||Tunisian|Tunisians|Tunis
turkey|Turkey|Türkiye;Turkiye;Republic of Turkey|Turkish|Turks|Ankara
turkmenistan|Turkmenistan||Turkmen||Ashgabat
tuvalu|Tuvalu||Tuvaluan|Tuvaluans|Funafuti
uganda|Uganda||Ugandan|Ugandans|Kampala
united_arab_emirates|United Arab Emirates|UAE;U.A.E.;the Emirates|Emirati|Emiratis|Abu Dhabi
united_kingdom|United Kingdom|UK;U.K.;Britain;Great Britain;United Kingdom of Great Britain and Northern Ireland|British|the British;Britons|London;Downing Street;Whitehall;Number 10
uruguay|Uruguay||Uruguayan|Uruguayans|Montevideo
uzbekistan|Uzbekistan||Uzbek|Uzbeks|Tashkent
vanuatu|Vanuatu||Ni-Vanuatu||Port Vila
venezuela|Venezuela||Venezuelan|Venezuelans|Caracas;Miraflores
vietnam|Vietnam|Viet Nam|Vietnamese||Hanoi
yemen|Yemen||Yemeni|Yemenis|Sanaa;Sana'a
zambia|Zambia||Zambian|Zambians|Lusaka
zimbabwe|Zimbabwe||Zimbabwean|Zimbabweans|Harare
holy_see|Holy See|Vatican;the Vatican;Vatican City|||
palestine|Palestine|State of Palestine;Palestinian Authority|Palestinian|Palestinians|Ramallah
taiwan|Taiwan|Republic of China|Taiwanese||Taipei
kosovo|Kosovo|Republic of Kosovo|Kosovar|Kosovars|Pristina
soviet_union|Soviet Union|USSR;U.S.S.R.;the Soviets|Soviet|Soviets|
east_germany|East Germany|German Democratic Republic;GDR|East German|East Germans|East Berlin
west_germany|West Germany||West German|West Germans|Bonn
yugoslavia|Yugoslavia||Yugoslav|Yugoslavs|
czechoslovakia|Czechoslovakia||Czechoslovak|Czechoslovaks|
"""

# Names that need context to be read as the state (unless_before / unless_after).
VETO = {
    "Georgia": {"unless_before": ["Atlanta,", "Savannah,", "Augusta,", "state of", "Columbus,", "Macon,"],
                "unless_after": [" Senate", " Democrat", " Republican", ", U.S.", " Tech", " Bulldogs", " Power", " Pacific", ", USA", " Gov", " Governor", " voters", " election"]},
    "Jordan": {"unless_before": ["Michael", "Vernon", "Jim", "Rep.", "Chris"], "unless_after": [" River", " Valley", " Brand"]},
    "Chad": {"unless_after": [" Smith", " Johnson", " Wolf"]},
    "Turkey": {"unless_after": [" Day", " dinner", " sandwich"]},
    "Niger": {"unless_after": [" Delta", " River"]},
    "Santiago": {"unless_after": [" de Compostela", " Bernabeu"]},
    "Lima": {"unless_before": ["Adriana"]},
    "Victoria": {},
    "Paris": {"unless_after": [" Hilton", " Club", " Saint-Germain", " Agreement", " Climate", " accord", " Accord"]},
    "Wellington": {"unless_before": ["Duke of"]},
    "Rome": {"unless_after": [" Statute", " Treaty"]},
    "Dublin": {"unless_after": [" Regulation", " Core"]},
}

ORGS = """
united_nations_agencies_skip|||
g20|G20|G-20;Group of Twenty|
osce|OSCE|Organization for Security and Co-operation in Europe;Organisation for Security and Co-operation in Europe|
international_monetary_fund|International Monetary Fund|IMF|
world_bank|World Bank|World Bank Group|
wto|World Trade Organization|WTO;World Trade Organisation|
opec|OPEC|Organization of the Petroleum Exporting Countries;OPEC+|
brics|BRICS||
african_union|African Union|AU|Addis Ababa-based African Union
asean|ASEAN|Association of Southeast Asian Nations|
arab_league|Arab League|League of Arab States|
gulf_cooperation_council|Gulf Cooperation Council|GCC|
council_of_europe|Council of Europe||
international_criminal_court|International Criminal Court|ICC|The Hague-based court
international_court_of_justice|International Court of Justice|ICJ|
iaea|IAEA|International Atomic Energy Agency|
world_health_organization|World Health Organization|WHO;World Health Organisation|
unhcr|UNHCR|UN Refugee Agency;UN refugee agency|
wfp|WFP|World Food Programme;World Food Program|
unicef|UNICEF||
unesco|UNESCO||
ocha|OCHA|UN Office for the Coordination of Humanitarian Affairs|
interpol|Interpol|INTERPOL|
csto|CSTO|Collective Security Treaty Organization|
shanghai_cooperation_organisation|Shanghai Cooperation Organisation|SCO;Shanghai Cooperation Organization|
eurasian_economic_union|Eurasian Economic Union|EAEU|
apec|APEC|Asia-Pacific Economic Cooperation|
oecd|OECD|Organisation for Economic Co-operation and Development;Organization for Economic Cooperation and Development|
commonwealth|Commonwealth|Commonwealth of Nations|
european_central_bank|European Central Bank|ECB|
hamas|Hamas||
hezbollah|Hezbollah|Hizbollah|
houthis|Houthis|Houthi movement;Ansar Allah|
taliban|Taliban|the Taliban|
wagner_group|Wagner Group|Wagner|
quad|Quad|the Quad;Quadrilateral Security Dialogue|
aukus|AUKUS||
islamic_state|Islamic State|ISIS;ISIL;Daesh;the Islamic State group|
al_qaeda|al-Qaeda|al Qaeda;Al Qaeda;al-Qaida;Al-Qaeda|
gatt|GATT|General Agreement on Tariffs and Trade|
asian_development_bank|Asian Development Bank|ADB|
inter_american_development_bank|Inter-American Development Bank|IDB|
pacific_islands_forum|Pacific Islands Forum||
"""

GROUPS = """
baltic_states|Baltic states|the Baltic states;the Baltics;Baltic countries;Baltic nations
nordic_countries|Nordic countries|the Nordic countries;Nordic states;the Nordics
global_south|Global South|the Global South
"""

def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'

def alias_item(name):
    if name in VETO and VETO[name]:
        v = VETO[name]
        parts = [f"text = {q(name)}"]
        for k in ("unless_before", "unless_after"):
            if k in v:
                parts.append(f"{k} = [" + ", ".join(q(x) for x in v[k]) + "]")
        return "{ " + ", ".join(parts) + " }"
    return q(name)

def core_ids_and_aliases():
    with open(os.path.join(CORE, "core.toml"), "rb") as f:
        core = tomllib.load(f)
    ids = {a["id"] for a in core["actor"]}
    aliases = set()
    for a in core["actor"]:
        for x in a.get("aliases", []) + a.get("metonyms", []):
            aliases.add(x if isinstance(x, str) else x["text"])
    return ids, aliases

def main():
    core_ids, core_aliases = core_ids_and_aliases()
    out = ["# Generated by tools/gen_world.py from the facts in that script: edit there, then rerun.",
           "# Every UN member and observer state, Taiwan, Kosovo and former states that older news names.", ""]
    former = {"soviet_union": ("1922-12-30", "1991-12-26"), "east_germany": ("1949-10-07", "1990-10-03"),
              "west_germany": ("1949-05-23", "1990-10-03"), "yugoslavia": ("1918-12-01", "2003-02-04"),
              "czechoslovakia": ("1918-10-28", "1993-01-01")}
    seen = set()
    for line in STATES.strip().splitlines():
        sid, label, others, adj, plural, caps = [x.strip() for x in line.split("|")]
        if sid in core_ids or sid in seen:
            continue
        seen.add(sid)
        names = [label] + [x.strip() for x in others.split(";") if x.strip()]
        names = [n for n in names if n not in core_aliases]
        caps = [c.strip() for c in caps.split(";") if c.strip() and c.strip() not in core_aliases]
        dem = []
        for a in adj.split(";"):
            a = a.strip()
            if a and a not in names:
                dem.append(a)
        for p in plural.split(";"):
            p = p.strip()
            if p and not p.startswith("the ") and p not in dem:
                dem.append(p)
        the_plural = [p.strip() for p in plural.split(";") if p.strip().startswith("the ")]
        out.append("[[actor]]")
        out.append(f"id = {q(sid)}")
        out.append(f"label = {q(label)}")
        out.append('kind = "state"')
        out.append("aliases = [" + ", ".join(alias_item(n) for n in names + the_plural) + "]")
        if dem:
            out.append("demonyms = [" + ", ".join(q(d) for d in dem) + "]")
        if caps:
            out.append("metonyms = [" + ", ".join(alias_item(c) for c in caps) + "]")
        if sid in former:
            out.append(f"from = {q(former[sid][0])}")
            out.append(f"to = {q(former[sid][1])}")
        out.append("")
    with open(os.path.join(ACTORS, "world_states.toml"), "w") as f:
        f.write("\n".join(out))

    out = ["# Generated by tools/gen_world.py: international organizations, their bodies and shorthands,",
           "# armed and political groups that act in the news, and groups of states.", ""]
    for line in ORGS.strip().splitlines():
        oid, label, others, _ = [x.strip() for x in line.split("|")]
        if oid.endswith("_skip") or oid in core_ids:
            continue
        names = [label] + [x.strip() for x in others.split(";") if x.strip()]
        names = [n for n in names if n not in core_aliases]
        out += ["[[actor]]", f"id = {q(oid)}", f"label = {q(label)}", 'kind = "organization"',
                "aliases = [" + ", ".join(q(n) for n in names) + "]", ""]
    for line in GROUPS.strip().splitlines():
        gid, label, others = [x.strip() for x in line.split("|")]
        names = [x.strip() for x in others.split(";") if x.strip()]
        out += ["[[actor]]", f"id = {q(gid)}", f"label = {q(label)}", 'kind = "group"',
                "aliases = [" + ", ".join(q(n) for n in names) + "]", ""]
    with open(os.path.join(ACTORS, "world_organizations.toml"), "w") as f:
        f.write("\n".join(out))
    persons(core_ids, core_aliases)

def persons(core_ids, core_aliases):
    out = ["# Generated by tools/gen_world.py from tools/persons.txt: edit there, then rerun.",
           "# Heads of state and government, foreign and defence ministers and heads of organizations, with dated roles.", ""]
    seen_alias = {}
    for line in open(os.path.join(HERE, "persons.txt")):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        pid, label, gender, extra, roles = [x.strip() for x in line.split("|")]
        if pid.endswith("_skip") or pid in core_ids:
            continue
        names = [label] + [x.strip() for x in extra.split(";") if x.strip()]
        names = list(dict.fromkeys(n for n in names if n not in core_aliases))
        # A surname shared by two persons names neither: keep full names only.
        names = [n for n in names if seen_alias.setdefault(n, pid) == pid]
        out += ["[[actor]]", f"id = {q(pid)}", f"label = {q(label)}", 'kind = "person"', f"gender = {q(gender)}",
                "aliases = [" + ", ".join(q(n) for n in names) + "]"]
        if not roles:
            # A person who holds no office (Elon Musk) is still an actor.
            out.append("")
            continue
        out.append("roles = [")
        for r in roles.split(";"):
            rel, of, title, frm, to = [x.strip() for x in r.split(",")]
            item = f"  {{ relation = {q(rel)}, of = {q(of)}, title = {q(title)}, from = {q(frm)}"
            item += f", to = {q(to)} }}," if to else " },"
            out.append(item)
        out += ["]", ""]
    with open(os.path.join(ACTORS, "world_persons.toml"), "w") as f:
        f.write("\n".join(out))


NOT_UN = {"holy_see", "palestine", "taiwan", "kosovo", "soviet_union", "east_germany", "west_germany", "yugoslavia", "czechoslovakia"}
CORE_UN = [("russia", "Russia", "Moscow", "Russian"), ("ukraine", "Ukraine", "Kyiv", "Ukrainian"),
           ("united_states", "United States", "Washington", "American"), ("china", "China", "Beijing", "Chinese")]


def un_table():
    """tests/data/un_members.tsv: id, common name, a capital metonym (or empty), adjective demonym (or empty)."""
    rows = list(CORE_UN)
    for line in STATES.strip().splitlines():
        sid, label, others, adj, plural, caps = [x.strip() for x in line.split("|")]
        if sid in NOT_UN or sid in {r[0] for r in rows}:
            continue
        cap = next((c.strip() for c in caps.split(";") if c.strip() and not c.strip().startswith("the ")), "")
        adj = adj.split(";")[0].strip()
        adj = adj if adj and adj != label else ""
        rows.append((sid, label, cap, adj))
    rows.sort()
    os.makedirs(os.path.join(HERE, "..", "tests", "data"), exist_ok=True)
    tsv = os.path.join(HERE, "..", "tests", "data", "un_members.tsv")
    if os.environ.get("GEN_WORLD_OUT"):
        tsv = os.path.join(ACTORS, "un_members.tsv")
    with open(tsv, "w") as f:
        f.write("# id\tname\tcapital\tdemonym (generated by tools/gen_world.py)\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    return len(rows)


if __name__ == "__main__":
    main()
    print(un_table(), "UN member states in tests/data/un_members.tsv")
