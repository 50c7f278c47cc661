//! The parse cache's encoding of a record: MessagePack, as `rmp-serde` reads it back, except
//! that a struct's fields are keyed by their position instead of their name, and a unit
//! variant is its position too. Names were half
//! of a cached record's bytes, and comparing and validating them most of its decoding; serde's
//! derived `Deserialize` takes a field by its index as well as by its name.
//!
//! The index is the field's place in the struct: serde's derived `Serialize` calls
//! `serialize_field` or, for a value left out by `skip_serializing_if`, `skip_field`, for every
//! field in order. The records use no `skip_serializing` or `skip_deserializing`, which would
//! shift the count; the cache checks every record it writes in test builds.

use rmp::encode;
use serde::ser::{self, Serialize};

#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// Appends `value`, encoded, to `out`.
pub fn write<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) -> Result<(), Error> {
    value.serialize(&mut Packer { out })
}

fn ok<E: std::fmt::Display>(result: Result<impl Sized, E>) -> Result<(), Error> {
    result.map(|_| ()).map_err(|err| Error(err.to_string()))
}

struct Packer<'a> {
    out: &'a mut Vec<u8>,
}

/// A sequence, tuple or map: its length is written first, then each element.
struct Elements<'p, 'a> {
    packer: &'p mut Packer<'a>,
}

/// A struct's fields, keyed by their index.
struct Fields<'p, 'a> {
    packer: &'p mut Packer<'a>,
    index: u64,
}

impl<'p, 'a> ser::Serializer for &'p mut Packer<'a> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Elements<'p, 'a>;
    type SerializeTuple = Elements<'p, 'a>;
    type SerializeTupleStruct = Elements<'p, 'a>;
    type SerializeTupleVariant = Elements<'p, 'a>;
    type SerializeMap = Elements<'p, 'a>;
    type SerializeStruct = Fields<'p, 'a>;
    type SerializeStructVariant = Fields<'p, 'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        ok(encode::write_bool(self.out, v))
    }
    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        ok(encode::write_sint(self.out, v))
    }
    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        ok(encode::write_uint(self.out, v))
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        ok(encode::write_f32(self.out, v))
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        ok(encode::write_f64(self.out, v))
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        ok(encode::write_str(self.out, v))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        ok(encode::write_bin(self.out, v))
    }
    fn serialize_none(self) -> Result<(), Error> {
        ok(encode::write_nil(self.out))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        ok(encode::write_nil(self.out))
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        ok(encode::write_array_len(self.out, 0))
    }
    /// A unit variant by its index too: serde's derived variant identifiers take one.
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_u32(index)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        ok(encode::write_map_len(self.out, 1))?;
        self.serialize_str(variant)?;
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Elements<'p, 'a>, Error> {
        let len = len.ok_or_else(|| Error("a sequence of unknown length".into()))?;
        ok(encode::write_array_len(self.out, len as u32))?;
        Ok(Elements { packer: self })
    }
    fn serialize_tuple(self, len: usize) -> Result<Elements<'p, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Elements<'p, 'a>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Elements<'p, 'a>, Error> {
        ok(encode::write_map_len(self.out, 1))?;
        self.serialize_str(variant)?;
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Elements<'p, 'a>, Error> {
        let len = len.ok_or_else(|| Error("a map of unknown length".into()))?;
        ok(encode::write_map_len(self.out, len as u32))?;
        Ok(Elements { packer: self })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Fields<'p, 'a>, Error> {
        ok(encode::write_map_len(self.out, len as u32))?;
        Ok(Fields { packer: self, index: 0 })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Fields<'p, 'a>, Error> {
        ok(encode::write_map_len(self.out, 1))?;
        self.serialize_str(variant)?;
        self.serialize_struct("", len)
    }
}

impl Elements<'_, '_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.packer)
    }
}

impl ser::SerializeSeq for Elements<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeTuple for Elements<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Elements<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Elements<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeMap for Elements<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.element(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl Fields<'_, '_> {
    fn field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ok(encode::write_uint(self.packer.out, self.index))?;
        self.index += 1;
        value.serialize(&mut *self.packer)
    }
}

impl ser::SerializeStruct for Fields<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _key: &'static str, value: &T) -> Result<(), Error> {
        self.field(value)
    }
    fn skip_field(&mut self, _key: &'static str) -> Result<(), Error> {
        self.index += 1;
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

impl ser::SerializeStructVariant for Fields<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, _key: &'static str, value: &T) -> Result<(), Error> {
        self.field(value)
    }
    fn skip_field(&mut self, _key: &'static str) -> Result<(), Error> {
        self.index += 1;
        Ok(())
    }
    fn end(self) -> Result<(), Error> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        a: Option<String>,
        b: Vec<u32>,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "snake_case")]
    enum Colour {
        DarkRed,
        Blue,
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Outer {
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        list: Vec<Inner>,
        name: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        colour: Option<Colour>,
        hours: f64,
        map: std::collections::BTreeMap<String, i64>,
        last: Inner,
    }

    #[test]
    fn fields_keyed_by_index_read_back_with_skipped_ones_in_between() {
        let values = [
            Outer {
                list: vec![Inner { a: None, b: vec![1, 2] }, Inner { a: Some("ї".into()), b: vec![] }],
                name: "Коваленко".into(),
                colour: Some(Colour::DarkRed),
                hours: 1.25,
                map: [("k".to_string(), -5)].into(),
                last: Inner { a: Some("x".into()), b: vec![u32::MAX] },
            },
            Outer {
                list: vec![],
                name: String::new(),
                colour: None,
                hours: 0.0,
                map: Default::default(),
                last: Inner { a: None, b: vec![] },
            },
        ];
        for value in values {
            let mut bytes = Vec::new();
            super::write(&mut bytes, &value).unwrap();
            assert!(!bytes.windows(4).any(|w| w == b"name"), "no field names");
            assert!(!bytes.windows(8).any(|w| w == b"dark_red"), "no variant names");
            assert_eq!(rmp_serde::from_slice::<Outer>(&bytes).unwrap(), value);
        }
    }
}
