//! The parse cache's encoding of a record, written here and read back by `unpack.rs`.
//!
//! An entry is the record's **string heap** followed by its **structure**:
//!
//! ```text
//! entry     = varint(heap length) heap structure
//! heap      = the UTF-8 bytes of every string of the record, one after another, in the order
//!             the structure names them
//! structure = one value: a tag byte, then what the tag says (see `tag`)
//! ```
//!
//! A string in the structure is only its length: the reader walks the heap as it walks the
//! structure. The heap is why the format exists: a national registry's names are Cyrillic, and
//! validating a record's strings as one run (`std::str::from_utf8` once per record) instead of
//! one call per short string was a tenth of a repeated `check`. The reader then hands out
//! slices of the validated heap; `str::get` checks only that a slice begins and ends on a
//! character's boundary.
//!
//! A struct's fields are keyed by their position, not their name, and a unit variant is its
//! position too: serde's derived `Deserialize` takes a field and a variant by index as well as by
//! name. The index is the field's place in the struct: serde's derived `Serialize` calls
//! `serialize_field` or, for a value left out by `skip_serializing_if`, `skip_field`, for every
//! field in order. The records use no `skip_serializing` or `skip_deserializing`, which would
//! shift the count; the cache checks every record it writes in test builds.

use serde::ser::{self, Serialize};

/// The tag bytes of the structure. Small unsigned integers (field counts aside, the most
/// common: unit variants), short strings and structs with few fields carry their number in
/// the tag itself.
pub(super) mod tag {
    pub const NIL: u8 = 0x00;
    pub const FALSE: u8 = 0x01;
    pub const TRUE: u8 = 0x02;
    /// A `varint`.
    pub const UINT: u8 = 0x03;
    /// A negative integer `v` as `varint(!v)`; non-negative signed integers are `UINT`.
    pub const NEG: u8 = 0x04;
    /// 4 bytes, little-endian.
    pub const F32: u8 = 0x05;
    /// 8 bytes, little-endian.
    pub const F64: u8 = 0x06;
    /// `varint(length)`; the bytes are the heap's next ones.
    pub const STR: u8 = 0x07;
    /// `varint(length)` and the bytes, in the structure (they need not be UTF-8).
    pub const BYTES: u8 = 0x08;
    /// `varint(count)`, then each element.
    pub const SEQ: u8 = 0x09;
    /// `varint(count)`, then each key and its value.
    pub const MAP: u8 = 0x0A;
    /// `varint(count)` of the fields written, then each field's `varint(index)` and value.
    pub const STRUCT: u8 = 0x0B;
    /// `varint(variant index)`, then the variant's value (a newtype's value, a tuple's `SEQ`
    /// or a struct's `STRUCT`); a unit variant is only its index, an unsigned integer.
    pub const VARIANT: u8 = 0x0C;
    /// `STRUCT` with 0..=31 fields in the low bits, no count after it.
    pub const SHORT_STRUCT: u8 = 0x20;
    /// `STR` with a length of 0..=63 in the low bits.
    pub const SHORT_STR: u8 = 0x40;
    /// `UINT` with a value of 0..=127 in the low bits.
    pub const SHORT_UINT: u8 = 0x80;
}

pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// What went wrong writing a record into the cache's encoding, or reading one back
/// (`unpack.rs`): never shown to the user, since the file is then read instead.
#[derive(Debug)]
pub struct Error(pub(super) String);

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

impl serde::de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }
}

/// `value`, encoded, in a list of its exact length (one allocation per record).
pub fn to_vec<T: Serialize + ?Sized>(value: &T) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    append_to(value, &mut out)?;
    Ok(out)
}

/// `value`, encoded, at the end of `out` (the parse cache's blocks of entries, written as
/// they are read; `out` grows by the entry's exact length).
pub fn append_to<T: Serialize + ?Sized>(value: &T, out: &mut Vec<u8>) -> Result<(), Error> {
    // The structure and the heap are written into two buffers kept by the thread (a first
    // read of a national registry encodes 228,000 records), then joined in their order.
    thread_local! {
        static BUFFERS: std::cell::RefCell<(Vec<u8>, Vec<u8>)> =
            const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    BUFFERS.with_borrow_mut(|(structure, heap)| {
        structure.clear();
        heap.clear();
        value.serialize(&mut Packer { out: structure, heap })?;
        out.reserve_exact(10 + heap.len() + structure.len());
        put_varint(out, heap.len() as u64);
        out.extend_from_slice(heap);
        out.extend_from_slice(structure);
        Ok(())
    })
}

struct Packer<'a> {
    out: &'a mut Vec<u8>,
    heap: &'a mut Vec<u8>,
}

impl Packer<'_> {
    /// The structure's note of a string of `len` bytes, its bytes already in the heap.
    fn string(&mut self, len: usize) {
        if len < 0x40 {
            self.out.push(tag::SHORT_STR | len as u8);
        } else {
            self.out.push(tag::STR);
            put_varint(self.out, len as u64);
        }
    }

    fn uint(&mut self, v: u64) {
        if v < 0x80 {
            self.out.push(tag::SHORT_UINT | v as u8);
        } else {
            self.out.push(tag::UINT);
            put_varint(self.out, v);
        }
    }

    fn counted(&mut self, tag: u8, len: Option<usize>) -> Result<usize, Error> {
        let len = len.ok_or_else(|| Error("a sequence or map of unknown length".into()))?;
        self.out.push(tag);
        put_varint(self.out, len as u64);
        Ok(len)
    }

    fn structure(&mut self, len: usize) {
        if len < 0x20 {
            self.out.push(tag::SHORT_STRUCT | len as u8);
        } else {
            self.out.push(tag::STRUCT);
            put_varint(self.out, len as u64);
        }
    }

    fn variant(&mut self, index: u32) {
        self.out.push(tag::VARIANT);
        put_varint(self.out, index.into());
    }
}

/// A sequence, tuple or map: its length was written first, then each element; the count is
/// checked at the end, as the reader trusts it.
struct Elements<'p, 'a> {
    packer: &'p mut Packer<'a>,
    left: usize,
}

/// A struct's fields, keyed by their index; `left` counts the fields still to be written of
/// those announced.
struct Fields<'p, 'a> {
    packer: &'p mut Packer<'a>,
    index: u64,
    left: usize,
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
        self.out.push(if v { tag::TRUE } else { tag::FALSE });
        Ok(())
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
        if v >= 0 {
            self.uint(v as u64);
        } else {
            self.out.push(tag::NEG);
            put_varint(self.out, !v as u64);
        }
        Ok(())
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
        self.uint(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.out.push(tag::F32);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.out.push(tag::F64);
        self.out.extend_from_slice(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.heap.extend_from_slice(v.as_bytes());
        self.string(v.len());
        Ok(())
    }
    /// A value written as text (a date): formatted straight into the heap, without the
    /// `String` serde's default would make of it.
    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        use std::io::Write;
        let start = self.heap.len();
        write!(self.heap, "{value}").map_err(|err| Error(err.to_string()))?;
        self.string(self.heap.len() - start);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.out.push(tag::BYTES);
        put_varint(self.out, v.len() as u64);
        self.out.extend_from_slice(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Error> {
        self.out.push(tag::NIL);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_none()
    }
    /// A unit variant by its index: serde's derived variant identifiers take one.
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
        index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant(index);
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Elements<'p, 'a>, Error> {
        let left = self.counted(tag::SEQ, len)?;
        Ok(Elements { packer: self, left })
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
        index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Elements<'p, 'a>, Error> {
        self.variant(index);
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Elements<'p, 'a>, Error> {
        // A map's count is of its entries; each is two elements.
        let left = self.counted(tag::MAP, len)? * 2;
        Ok(Elements { packer: self, left })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Fields<'p, 'a>, Error> {
        self.structure(len);
        Ok(Fields { packer: self, index: 0, left: len })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        index: u32,
        _variant: &'static str,
        len: usize,
    ) -> Result<Fields<'p, 'a>, Error> {
        self.variant(index);
        self.serialize_struct("", len)
    }
}

impl Elements<'_, '_> {
    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.left = self.left.checked_sub(1).ok_or_else(|| Error("more elements than announced".into()))?;
        value.serialize(&mut *self.packer)
    }

    fn end(self) -> Result<(), Error> {
        if self.left == 0 { Ok(()) } else { Err(Error("fewer elements than announced".into())) }
    }
}

impl ser::SerializeSeq for Elements<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Elements::end(self)
    }
}

impl ser::SerializeTuple for Elements<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Elements::end(self)
    }
}

impl ser::SerializeTupleStruct for Elements<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Elements::end(self)
    }
}

impl ser::SerializeTupleVariant for Elements<'_, '_> {
    type Ok = ();
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }
    fn end(self) -> Result<(), Error> {
        Elements::end(self)
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
        Elements::end(self)
    }
}

impl Fields<'_, '_> {
    fn field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.left = self.left.checked_sub(1).ok_or_else(|| Error("more fields than announced".into()))?;
        put_varint(self.packer.out, self.index);
        self.index += 1;
        value.serialize(&mut *self.packer)
    }

    fn end(self) -> Result<(), Error> {
        if self.left == 0 { Ok(()) } else { Err(Error("fewer fields than announced".into())) }
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
        Fields::end(self)
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
        Fields::end(self)
    }
}
