package index

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/klauspost/compress/zstd"
)

// A document is stored in the index once, as the JSON of news.Document
// compressed with zstd: the text, the extraction and the captures. A
// segment compresses its stored fields again with snappy, which gains
// nothing on zstd's output; zstd alone takes the source to about a third
// of its JSON, where snappy took it to about two thirds (BENCHMARKS.md, "A
// lean index"). Sources that do not start with zstd's magic number (the
// visit records' and those of indexes built before mapping 4) are read
// as plain JSON.

// zstdMagic starts every zstd frame.
var zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}

var (
	sourceEncoder = sync.OnceValue(func() *zstd.Encoder {
		// EncodeAll is safe for concurrent use; with no writer, the
		// encoder starts no goroutines.
		e, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(1))
		if err != nil {
			panic(fmt.Sprintf("zstd encoder: %v", err)) // only for invalid options
		}
		return e
	})
	sourceDecoder = sync.OnceValue(func() *zstd.Decoder {
		d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0))
		if err != nil {
			panic(fmt.Sprintf("zstd decoder: %v", err)) // only for invalid options
		}
		return d
	})
)

// compressSource is the stored form of a document's JSON.
func compressSource(js []byte) string {
	return string(sourceEncoder().EncodeAll(js, make([]byte, 0, len(js)/2)))
}

// sourceJSON is the JSON of a stored source, compressed or not.
func sourceJSON(stored []byte) ([]byte, error) {
	if !bytes.HasPrefix(stored, zstdMagic) {
		return stored, nil
	}
	js, err := sourceDecoder().DecodeAll(stored, nil)
	if err != nil {
		return nil, fmt.Errorf("decompress stored document: %w", err)
	}
	return js, nil
}

// unmarshalSource decodes a stored source, compressed or not, into v.
func unmarshalSource(stored []byte, v any) error {
	js, err := sourceJSON(stored)
	if err != nil {
		return err
	}
	return json.Unmarshal(js, v)
}
