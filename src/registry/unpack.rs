//! Reads back a record written by `packed.rs`: a `serde::Deserializer` over exactly that
//! encoding. The record's string heap is validated as UTF-8 once, and every string handed to
//! a visitor is a slice of it (see `packed.rs` for why).
//!
//! Anything unexpected — a tag it does not know, a count beyond the bytes, a string cut in
//! the middle of a character, bytes left over — is an error, never a panic: the cache is not a
//! source of truth, and an entry that does not decode is read again from its file.

use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};

use super::packed::tag;

pub use super::packed::Error;

fn bad<T>(what: &str) -> Result<T, Error> {
    Err(Error(format!("not a cache entry: {what}")))
}

/// How deep sequences, maps and structs may nest: a record nests three levels; a damaged
/// entry must not recurse until the stack runs out.
const MAX_DEPTH: u32 = 32;

/// Decodes one entry, all of whose bytes must be used.
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let mut de = Unpacker { body: bytes, at: 0, heap: "", heap_at: 0, depth: 0 };
    let heap_len = de.varint()?;
    let heap_end = usize::try_from(heap_len).ok().and_then(|len| len.checked_add(de.at));
    let Some(heap) = heap_end.and_then(|end| bytes.get(de.at..end)) else {
        return bad("the string heap is longer than the entry");
    };
    de.heap = simdutf8::basic::from_utf8(heap).or_else(|_| bad("the string heap is not UTF-8"))?;
    de.at += heap.len();
    let value = T::deserialize(&mut de)?;
    if de.at != bytes.len() || de.heap_at != de.heap.len() {
        return bad("bytes left over");
    }
    Ok(value)
}

struct Unpacker<'de> {
    /// The whole entry; the structure begins after the heap.
    body: &'de [u8],
    at: usize,
    heap: &'de str,
    /// Where the next string begins in the heap.
    heap_at: usize,
    depth: u32,
}

impl<'de> Unpacker<'de> {
    fn byte(&mut self) -> Result<u8, Error> {
        let Some(&b) = self.body.get(self.at) else { return bad("cut short") };
        self.at += 1;
        Ok(b)
    }

    fn peek(&self) -> Result<u8, Error> {
        self.body.get(self.at).copied().map_or_else(|| bad("cut short"), Ok)
    }

    fn take(&mut self, len: u64) -> Result<&'de [u8], Error> {
        let end = usize::try_from(len).ok().and_then(|len| len.checked_add(self.at));
        let Some(bytes) = end.and_then(|end| self.body.get(self.at..end)) else { return bad("cut short") };
        self.at += bytes.len();
        Ok(bytes)
    }

    /// A LEB128 number; nearly all (field indices, counts, short lengths) are one byte.
    #[inline]
    fn varint(&mut self) -> Result<u64, Error> {
        match self.body.get(self.at) {
            Some(&b) if b < 0x80 => {
                self.at += 1;
                Ok(u64::from(b))
            }
            _ => self.long_varint(),
        }
    }

    fn long_varint(&mut self) -> Result<u64, Error> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            let part = u64::from(b & 0x7F);
            if shift == 63 && part > 1 {
                return bad("a number too large");
            }
            value |= part << shift;
            if b < 0x80 {
                return Ok(value);
            }
        }
        bad("a number too large")
    }

    /// A count of elements, each at least one byte: never more than the bytes left, so that a
    /// damaged count cannot make a visitor reserve gigabytes.
    fn count(&mut self, per_element: usize) -> Result<usize, Error> {
        let count = self.varint()?;
        let left = (self.body.len() - self.at) / per_element;
        match usize::try_from(count) {
            Ok(count) if count <= left => Ok(count),
            _ => bad("a count beyond the entry"),
        }
    }

    fn str(&mut self, len: u64) -> Result<&'de str, Error> {
        let end = usize::try_from(len).ok().and_then(|len| len.checked_add(self.heap_at));
        // `get` checks that both ends lie on a character's boundary; the heap is valid UTF-8.
        let Some(text) = end.and_then(|end| self.heap.get(self.heap_at..end)) else {
            return bad("a string beyond the heap");
        };
        self.heap_at += text.len();
        Ok(text)
    }

    fn nested<R>(&mut self, read: impl FnOnce(&mut Self) -> Result<R, Error>) -> Result<R, Error> {
        if self.depth >= MAX_DEPTH {
            return bad("nested too deep");
        }
        self.depth += 1;
        let result = read(self);
        self.depth -= 1;
        result
    }

    fn fields<V: Visitor<'de>>(&mut self, count: usize, visitor: V) -> Result<V::Value, Error> {
        if count > self.body.len() - self.at {
            return bad("a count beyond the entry");
        }
        self.nested(|de| {
            let mut access = Fields { de, left: count };
            let value = visitor.visit_map(&mut access)?;
            if access.left == 0 { Ok(value) } else { bad("fields left over") }
        })
    }
}

impl<'de> de::Deserializer<'de> for &mut Unpacker<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let tag = self.byte()?;
        match tag {
            tag::SHORT_UINT.. => visitor.visit_u64(u64::from(tag & 0x7F)),
            tag::SHORT_STR.. => {
                let text = self.str(u64::from(tag & 0x3F))?;
                visitor.visit_borrowed_str(text)
            }
            tag::SHORT_STRUCT.. => self.fields(usize::from(tag & 0x1F), visitor),
            tag::NIL => visitor.visit_unit(),
            tag::FALSE => visitor.visit_bool(false),
            tag::TRUE => visitor.visit_bool(true),
            tag::UINT => visitor.visit_u64(self.varint()?),
            tag::NEG => visitor.visit_i64(!(self.varint()? as i64)),
            tag::F32 => visitor.visit_f32(f32::from_le_bytes(self.take(4)?.try_into().map_err(|_| cut())?)),
            tag::F64 => visitor.visit_f64(f64::from_le_bytes(self.take(8)?.try_into().map_err(|_| cut())?)),
            tag::STR => {
                let len = self.varint()?;
                visitor.visit_borrowed_str(self.str(len)?)
            }
            tag::BYTES => {
                let len = self.varint()?;
                visitor.visit_borrowed_bytes(self.take(len)?)
            }
            tag::SEQ => {
                let count = self.count(1)?;
                self.nested(|de| {
                    let mut access = Elements { de, left: count };
                    let value = visitor.visit_seq(&mut access)?;
                    if access.left == 0 { Ok(value) } else { bad("elements left over") }
                })
            }
            tag::MAP => {
                let count = self.count(2)?;
                self.nested(|de| {
                    let mut access = Entries { de, left: count };
                    let value = visitor.visit_map(&mut access)?;
                    if access.left == 0 { Ok(value) } else { bad("entries left over") }
                })
            }
            tag::STRUCT => {
                let count = self.count(2)?;
                self.fields(count, visitor)
            }
            tag::VARIANT => {
                let index = self.variant_index()?;
                self.nested(|de| visitor.visit_enum(Variant { de, index }))
            }
            _ => bad("an unknown tag"),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.peek()? == tag::NIL {
            self.at += 1;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let tag = self.byte()?;
        match tag {
            tag::SHORT_UINT.. => visitor.visit_enum(Unit(u32::from(tag & 0x7F))),
            tag::UINT => {
                let index = u32::try_from(self.varint()?).or_else(|_| bad("a variant index too large"))?;
                visitor.visit_enum(Unit(index))
            }
            tag::VARIANT => {
                let index = self.variant_index()?;
                self.nested(|de| visitor.visit_enum(Variant { de, index }))
            }
            _ => bad("an enum that is neither a variant's index nor a variant with a value"),
        }
    }

    // The encoding says what each value is: every other request is answered by what is there
    // (a derived struct asks for a struct, a date asks for one too and gets its string).
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

fn cut() -> Error {
    Error("not a cache entry: cut short".into())
}

impl Unpacker<'_> {
    fn variant_index(&mut self) -> Result<u32, Error> {
        u32::try_from(self.varint()?).or_else(|_| bad("a variant index too large"))
    }
}

struct Elements<'a, 'de> {
    de: &'a mut Unpacker<'de>,
    left: usize,
}

impl<'de> de::SeqAccess<'de> for Elements<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: de::DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.de).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

struct Entries<'a, 'de> {
    de: &'a mut Unpacker<'de>,
    left: usize,
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(&mut *self.de).map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.de)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// A struct's fields: each key is the field's index, read straight into the derived field
/// identifier's `visit_u64`.
struct Fields<'a, 'de> {
    de: &'a mut Unpacker<'de>,
    left: usize,
}

impl<'de> de::MapAccess<'de> for Fields<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        let index = self.de.varint()?;
        seed.deserialize(index.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(&mut *self.de)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// A unit variant, written as its index alone.
struct Unit(u32);

impl<'de> de::EnumAccess<'de> for Unit {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: de::DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let index: de::value::U32Deserializer<Error> = self.0.into_deserializer();
        Ok((seed.deserialize(index)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for Unit {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, _seed: T) -> Result<T::Value, Error> {
        bad("a unit variant where a newtype variant was expected")
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, _visitor: V) -> Result<V::Value, Error> {
        bad("a unit variant where a tuple variant was expected")
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Error> {
        bad("a unit variant where a struct variant was expected")
    }
}

/// A variant with a value: its index, then the value.
struct Variant<'a, 'de> {
    de: &'a mut Unpacker<'de>,
    index: u32,
}

impl<'de> de::EnumAccess<'de> for Variant<'_, 'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: de::DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let index: de::value::U32Deserializer<Error> = self.index.into_deserializer();
        Ok((seed.deserialize(index)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'_, 'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        bad("a variant with a value where a unit variant was expected")
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(&mut *self.de)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(&mut *self.de, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_any(&mut *self.de, visitor)
    }
}

#[cfg(test)]
#[path = "unpack_tests.rs"]
mod tests;
