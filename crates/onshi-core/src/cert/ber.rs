//! A small reader of BER (and so of DER, its strict subset) and a writer of DER, for the few structures
//! the certificate checks look into themselves: the clear parts of a PKCS#12 file, a PKCS#8 key, a
//! certificate's names and extensions.
//!
//! Why not only DER: backups written by NSS's `pk12util` (Firefox, Thunderbird exports) and some other
//! tools are BER, with indefinite lengths and octet strings cut into pieces. The parser under
//! p12-keystore refuses them; OpenSSL opens them. `to_der` writes the same content in DER so that such a
//! file can be opened too (see `pkcs12_der`).

/// Deeper than any certificate or backup goes; a hostile file cannot make the reader recurse forever.
const MAX_DEPTH: usize = 32;

/// Identifier octets used here (universal class unless said otherwise).
pub mod tag {
    pub const BIT_STRING: u8 = 0x03;
    pub const OCTET_STRING: u8 = 0x04;
    pub const OID: u8 = 0x06;
    pub const TELETEX_STRING: u8 = 0x14;
    pub const UNIVERSAL_STRING: u8 = 0x1C;
    pub const BMP_STRING: u8 = 0x1E;
    pub const SEQUENCE: u8 = 0x30;
    pub const SET: u8 = 0x31;
    /// The constructed bit of an identifier octet.
    pub const CONSTRUCTED: u8 = 0x20;
    /// `[1]`, context-specific and constructed (an explicit tag).
    pub const CONTEXT_1: u8 = 0xA1;
}

/// The bytes are not BER (or use what PKCS#12 never does, such as tag numbers above 30).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Malformed;

/// One element: its identifier octet and either its content bytes or its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub tag: u8,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Primitive(Vec<u8>),
    Constructed(Vec<Element>),
}

/// Reads exactly one element that fills `bytes`.
pub fn parse(bytes: &[u8]) -> Result<Element, Malformed> {
    match parse_one(bytes, 0)? {
        (element, []) => Ok(element),
        _ => Err(Malformed),
    }
}

/// Reads the one element at the start of `bytes` and returns it with what follows it. For files that
/// carry bytes after their structure, as some Windows exports do: OpenSSL reads the structure and ignores
/// the rest.
pub fn parse_prefix(bytes: &[u8]) -> Result<(Element, &[u8]), Malformed> {
    parse_one(bytes, 0)
}

fn parse_one(bytes: &[u8], depth: usize) -> Result<(Element, &[u8]), Malformed> {
    if depth > MAX_DEPTH {
        return Err(Malformed);
    }
    let (&tag, rest) = bytes.split_first().ok_or(Malformed)?;
    if tag & 0x1F == 0x1F {
        return Err(Malformed);
    }
    let constructed = tag & tag::CONSTRUCTED != 0;
    let (&first, mut rest) = rest.split_first().ok_or(Malformed)?;
    if first == 0x80 {
        // Indefinite length: children up to the end-of-contents octets 00 00.
        if !constructed {
            return Err(Malformed);
        }
        let mut children = Vec::new();
        loop {
            if let Some(after) = rest.strip_prefix(&[0, 0]) {
                return Ok((Element::constructed(tag, children), after));
            }
            let (child, after) = parse_one(rest, depth + 1)?;
            children.push(child);
            rest = after;
        }
    }
    let length = if first < 0x80 {
        usize::from(first)
    } else {
        let count = usize::from(first & 0x7F);
        if count > 4 || rest.len() < count {
            return Err(Malformed);
        }
        let (digits, after) = rest.split_at(count);
        rest = after;
        digits.iter().fold(0, |n, d| (n << 8) | usize::from(*d))
    };
    if rest.len() < length {
        return Err(Malformed);
    }
    let (mut content, after) = rest.split_at(length);
    if !constructed {
        return Ok((Element::primitive(tag, content.to_vec()), after));
    }
    let mut children = Vec::new();
    while !content.is_empty() {
        let (child, next) = parse_one(content, depth + 1)?;
        children.push(child);
        content = next;
    }
    Ok((Element::constructed(tag, children), after))
}

impl Element {
    pub fn primitive(tag: u8, bytes: Vec<u8>) -> Element {
        Element {
            tag,
            value: Value::Primitive(bytes),
        }
    }

    pub fn constructed(tag: u8, children: Vec<Element>) -> Element {
        Element {
            tag,
            value: Value::Constructed(children),
        }
    }

    /// Whether this is a `universal` (tag number) element, primitive or cut into pieces.
    pub fn is(&self, universal: u8) -> bool {
        self.tag & !tag::CONSTRUCTED == universal & !tag::CONSTRUCTED
    }

    /// The children of a constructed element; none for a primitive one.
    pub fn children(&self) -> &[Element] {
        match &self.value {
            Value::Constructed(children) => children,
            Value::Primitive(_) => &[],
        }
    }

    /// The child at `index`, if there is one.
    pub fn child(&self, index: usize) -> Option<&Element> {
        self.children().get(index)
    }

    /// The content of a string type, with BER's pieces joined.
    pub fn octets(&self) -> Vec<u8> {
        match &self.value {
            Value::Primitive(bytes) => bytes.clone(),
            Value::Constructed(pieces) => pieces.iter().flat_map(Element::octets).collect(),
        }
    }

    /// An OBJECT IDENTIFIER (compare with the constants of `cert::oids`; its `Display` is dotted).
    pub fn oid(&self) -> Option<const_oid::ObjectIdentifier> {
        match &self.value {
            Value::Primitive(bytes) if self.tag == tag::OID => {
                const_oid::ObjectIdentifier::from_bytes(bytes).ok()
            }
            _ => None,
        }
    }

    /// An INTEGER's magnitude without leading zero bytes, so equal numbers compare equal.
    pub fn unsigned(&self) -> Option<Vec<u8>> {
        let Value::Primitive(bytes) = &self.value else {
            return None;
        };
        let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
        Some(bytes[start..].to_vec())
    }

    /// A small non-negative INTEGER.
    pub fn small_integer(&self) -> Option<u64> {
        let bytes = self.unsigned()?;
        (bytes.len() <= 8).then(|| bytes.iter().fold(0, |n, b| (n << 8) | u64::from(*b)))
    }
}

/// Whether a constructed element with this identifier is a string cut into pieces, which DER writes whole.
fn is_piecewise_string(tag: u8) -> bool {
    tag & 0xC0 == 0
        && tag & tag::CONSTRUCTED != 0
        && matches!(
            tag & 0x1F,
            0x04 | 0x0C | 0x12 | 0x13 | 0x14 | 0x16 | 0x1A | 0x1C | 0x1E
        )
}

/// The element in DER: definite lengths, strings in one piece, the members of a SET in DER order.
pub fn to_der(element: &Element) -> Vec<u8> {
    let (tag, content) = match &element.value {
        Value::Primitive(bytes) => (element.tag, bytes.clone()),
        Value::Constructed(_) if is_piecewise_string(element.tag) => {
            (element.tag & !tag::CONSTRUCTED, element.octets())
        }
        Value::Constructed(children) => {
            let mut encoded: Vec<Vec<u8>> = children.iter().map(to_der).collect();
            if element.tag == tag::SET {
                encoded.sort();
            }
            (element.tag, encoded.concat())
        }
    };
    let mut out = vec![tag];
    let length = content.len();
    if length < 0x80 {
        out.push(length as u8);
    } else {
        let digits: Vec<u8> = length
            .to_be_bytes()
            .into_iter()
            .skip_while(|d| *d == 0)
            .collect();
        out.push(0x80 | digits.len() as u8);
        out.extend(digits);
    }
    out.extend(content);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len() / 2)
            .map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).unwrap())
            .collect()
    }

    #[test]
    fn indefinite_lengths_and_pieces_become_der() {
        // SEQUENCE (indefinite) { OCTET STRING in two pieces "ab" "cd", INTEGER 3 }
        let ber = hex("3080248004016104016300000201030000");
        let element = parse(&ber).unwrap();
        assert_eq!(to_der(&element), hex("300704026163020103"));
        assert_eq!(element.child(0).unwrap().octets(), b"ac");
    }

    #[test]
    fn der_stays_as_it_is_and_sets_are_sorted() {
        let der = hex("300b0201033106020101020110");
        assert_eq!(to_der(&parse(&der).unwrap()), der);
        let unsorted = hex("310602011002010a");
        assert_eq!(to_der(&parse(&unsorted).unwrap()), hex("310602010a020110"));
    }

    #[test]
    fn object_identifiers_read_as_the_named_constants() {
        let oid = parse(&hex("06092a864886f70d010701")).unwrap();
        assert_eq!(oid.oid(), Some(crate::cert::oids::DATA));
        assert_eq!(oid.oid().unwrap().to_string(), "1.2.840.113549.1.7.1");
        assert_eq!(
            parse(&hex("0603551d13")).unwrap().oid(),
            Some(crate::cert::oids::BASIC_CONSTRAINTS)
        );
        assert_eq!(parse(&hex("0400")).unwrap().oid(), None);
    }

    #[test]
    fn a_prefix_is_read_and_what_follows_is_returned() {
        let bytes = hex("3003020103000000");
        assert_eq!(parse(&bytes), Err(Malformed));
        let (element, rest) = parse_prefix(&bytes).unwrap();
        assert_eq!(element.child(0).and_then(Element::small_integer), Some(3));
        assert_eq!(rest, [0, 0, 0]);
    }

    #[test]
    fn truncated_overlong_and_endless_inputs_are_malformed() {
        for bad in [
            &hex("30")[..],
            &hex("3005020103")[..],
            &hex("3080020103")[..],
            &hex("0485ffffffffff")[..],
            &hex("1f8101")[..],
            &hex("0480")[..],
        ] {
            assert_eq!(parse(bad), Err(Malformed), "{bad:02x?}");
        }
        let deep: Vec<u8> = std::iter::repeat_n([0x30, 0x80], 100).flatten().collect();
        assert_eq!(parse(&deep), Err(Malformed));
    }
}
