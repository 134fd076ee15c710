//! Tokenizer for news English, UD style: byte spans into the original text.

/// One token: the bytes `start..end` of the text it was cut from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

/// Cuts `text` into tokens the way UD English treebanks do.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push(Token { start: s, end: i });
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Token { start: s, end: text.len() });
    }
    out
}
