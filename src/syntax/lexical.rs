//! What the models see of a word: its normalized form, affixes and shape,
//! hashed once per token so that feature keys are cheap to combine.

use super::perceptron::hash_str;

/// The hashed lexical views of one token.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lex {
    /// Lowercased, curly quotes and dashes straightened, digits as `0`.
    pub norm: u64,
    /// Suffixes of length 1 to 4 of the normalized form.
    pub suffix: [u64; 4],
    /// Prefixes of length 1 to 3.
    pub prefix: [u64; 3],
    /// Character classes: `Xxx`, `dd,dd`, `X.X.`.
    pub shape: u64,
}

/// The sentinel views of positions before the first and after the last word.
pub const PAD: Lex = Lex {
    norm: 1,
    suffix: [1; 4],
    prefix: [1; 3],
    shape: 1,
};
/// The views of the artificial root word (index 0 in the parser).
pub const ROOT: Lex = Lex {
    norm: 2,
    suffix: [2; 4],
    prefix: [2; 3],
    shape: 2,
};

/// The normalized form of a word (what `Lex::norm` hashes).
pub fn normalize(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    for c in normalize_quotes(form).chars() {
        match c {
            c if c.is_ascii_digit() => out.push('0'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Curly quotes, long dashes and the ellipsis character in their ASCII
/// spelling, as the treebanks mostly write them.
pub fn normalize_quotes(form: &str) -> String {
    if form == "``" || form == "''" {
        return "\"".to_string();
    }
    let mut out = String::with_capacity(form.len());
    for c in form.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '`' | '\u{00B4}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => out.push('"'),
            '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' => out.push_str("--"),
            '\u{2026}' => out.push_str("..."),
            c => out.push(c),
        }
    }
    out
}

/// The shape of a word: upper `X`, lower `x`, digit `d`, other characters as
/// they are, runs longer than two shortened to two.
pub fn shape(form: &str) -> String {
    let mut out = String::new();
    let (mut last, mut run) = ('\0', 0);
    for c in form.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        run = if k == last { run + 1 } else { 1 };
        last = k;
        if run <= 2 {
            out.push(k);
        }
    }
    out
}

impl Lex {
    pub fn of(form: &str) -> Lex {
        let norm = normalize(form);
        let chars: Vec<(usize, char)> = norm.char_indices().collect();
        let n = chars.len();
        let suffix = std::array::from_fn(|k| {
            let len = k + 1;
            let at = if n > len { chars[n - len].0 } else { 0 };
            hash_str(&norm[at..]) ^ (len as u64)
        });
        let prefix = std::array::from_fn(|k| {
            let len = k + 1;
            let end = chars.get(len).map_or(norm.len(), |c| c.0);
            hash_str(&norm[..end]) ^ ((len as u64) << 8)
        });
        Lex {
            norm: hash_str(&norm),
            suffix,
            prefix,
            shape: hash_str(&shape(form)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_case_quotes_dashes_and_digits() {
        for (form, want) in [
            ("Kremlin", "kremlin"),
            ("\u{2019}s", "'s"),
            ("\u{201C}", "\""),
            ("\u{2014}", "--"),
            ("2,000.5", "0,000.0"),
            ("``", "\""),
        ] {
            assert_eq!(normalize(form), want, "{form}");
        }
    }

    #[test]
    fn shapes_shorten_runs() {
        for (form, want) in [
            ("Zelensky", "Xxx"),
            ("U.S.", "X.X."),
            ("1,000", "d,dd"),
            ("COVID-19", "XX-dd"),
        ] {
            assert_eq!(shape(form), want, "{form}");
        }
    }

    #[test]
    fn affixes_of_short_words_are_the_word() {
        let a = Lex::of("on");
        assert_eq!(a.suffix[1] ^ 2, hash_str("on"));
        assert_eq!(a.suffix[3] ^ 4, hash_str("on"));
        assert_eq!(a.prefix[0] ^ (1 << 8), hash_str("o"));
    }
}
