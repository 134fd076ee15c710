//! CoNLL-U, the Universal Dependencies file format: reading treebanks for
//! training and evaluation, writing parses for `actorgraph parse --conllu`.
//!
//! Only basic trees are kept: multiword-token lines (`1-2`) and empty nodes
//! (`8.1`) are skipped, as the treebanks' README says to do.

use std::fmt::Write as _;

/// One syntactic word of a treebank sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    /// 1-based index of the head word; 0 is the root.
    pub head: usize,
    pub deprel: String,
    /// False where MISC says `SpaceAfter=No`.
    pub space_after: bool,
}

/// One sentence: its `# text` comment, if any, and its words in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    pub id: Option<String>,
    pub text: Option<String>,
    /// The `# meta::genre` of the document the sentence belongs to (GUM).
    pub genre: Option<String>,
    pub words: Vec<Word>,
}

/// A malformed line: its 1-based line number and what is wrong.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ConlluError {
    pub line: usize,
    pub message: String,
}

/// Reads every sentence of a CoNLL-U document.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut genre: Option<String> = None;
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.genre = genre.clone();
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let comment = comment.trim_start();
            if let Some(t) = comment.strip_prefix("text = ") {
                cur.text = Some(t.to_string());
            } else if let Some(id) = comment.strip_prefix("sent_id = ") {
                cur.id = Some(id.to_string());
            } else if comment.starts_with("newdoc") {
                genre = None;
                cur.genre = None;
            } else if let Some(g) = comment.strip_prefix("meta::genre = ") {
                genre = Some(g.to_string());
                cur.genre = genre.clone();
            }
            continue;
        }
        if let Some(word) =
            parse_word(line, cur.words.len() + 1).map_err(|message| ConlluError { line: n + 1, message })?
        {
            cur.words.push(word);
        }
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// One token line; `None` for multiword-token and empty-node lines.
fn parse_word(line: &str, expected: usize) -> Result<Option<Word>, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 10 {
        return Err(format!("expected 10 tab-separated columns, found {}", cols.len()));
    }
    if cols[0].contains('-') || cols[0].contains('.') {
        return Ok(None);
    }
    let id: usize = cols[0].parse().map_err(|_| format!("bad word index {:?}", cols[0]))?;
    if id != expected {
        return Err(format!("word index {id}, expected {expected}"));
    }
    let head = match cols[6] {
        "_" => 0,
        h => h.parse().map_err(|_| format!("bad head {h:?}"))?,
    };
    Ok(Some(Word {
        form: cols[1].to_string(),
        lemma: cols[2].to_string(),
        upos: cols[3].to_string(),
        xpos: cols[4].to_string(),
        head,
        deprel: cols[7].to_string(),
        space_after: !cols[9].split('|').any(|m| m == "SpaceAfter=No"),
    }))
}

/// Writes sentences as CoNLL-U (FEATS and DEPS left empty).
pub fn write(sentences: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sentences {
        if let Some(id) = &s.id {
            let _ = writeln!(out, "# sent_id = {id}");
        }
        if let Some(t) = &s.text {
            let _ = writeln!(out, "# text = {t}");
        }
        for (i, w) in s.words.iter().enumerate() {
            let misc = if w.space_after { "_" } else { "SpaceAfter=No" };
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
                i + 1,
                w.form,
                w.lemma,
                w.upos,
                w.xpos,
                w.head,
                w.deprel,
                misc
            );
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# sent_id = s1\n# text = Don't go.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
        1\tDo\tdo\tAUX\tVB\t_\t3\taux\t_\tSpaceAfter=No\n\
        2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n\
        3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No\n\
        4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn reads_words_and_skips_multiword_lines() {
        let s = parse(DOC).unwrap();
        assert_eq!(s.len(), 1);
        let forms: Vec<&str> = s[0].words.iter().map(|w| w.form.as_str()).collect();
        assert_eq!(forms, ["Do", "n't", "go", "."]);
        assert_eq!(s[0].words[0].head, 3);
        assert!(!s[0].words[0].space_after);
        assert_eq!(s[0].text.as_deref(), Some("Don't go."));
        let two = parse(&format!(
            "# newdoc id = a\n# meta::genre = news\n{DOC}# newdoc id = b\n{DOC}"
        ))
        .unwrap();
        assert_eq!(
            two.iter().map(|s| s.genre.as_deref()).collect::<Vec<_>>(),
            [Some("news"), None]
        );
    }

    #[test]
    fn writes_what_it_reads() {
        let s = parse(DOC).unwrap();
        assert_eq!(parse(&write(&s)).unwrap(), s);
    }

    #[test]
    fn names_the_bad_line() {
        let err = parse("# x\n1\tA\n").unwrap_err();
        assert_eq!(err.to_string(), "line 2: expected 10 tab-separated columns, found 2");
        let err = parse("2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n").unwrap_err();
        assert_eq!(err.to_string(), "line 1: word index 2, expected 1");
    }
}
