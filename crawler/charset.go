package crawler

import (
	"bytes"
	"fmt"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// metaScanLimit is how far into a page a <meta> charset is looked for:
// real pages declare it well past the 1,024 bytes the HTML spec scans.
const metaScanLimit = 64 << 10

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// DecodeHTML converts a page body to UTF-8. The encoding is chosen in this
// order: a byte-order mark, the charset of the Content-Type header, valid
// UTF-8, a <meta> charset in the first 64 KiB, and finally windows-1250,
// the usual encoding of legacy Polish pages. Labels that cannot be true
// are passed over: UTF-8 for bytes that are not UTF-8, and a single-byte
// charset for a body that is valid UTF-8 with non-ASCII letters, which
// text in those charsets practically never is. It returns the name of
// the encoding it used.
func DecodeHTML(body []byte, contentType string) (string, string, error) {
	if enc, name := bomEncoding(body); enc != nil {
		out, err := enc.NewDecoder().Bytes(body)
		if err != nil {
			return "", "", fmt.Errorf("decode %s: %w", name, err)
		}
		return string(out), name, nil
	}
	validUTF8 := utf8.Valid(body)
	if _, params, err := mime.ParseMediaType(contentType); err == nil {
		if label := params["charset"]; label != "" && !(validUTF8 && multibyte(body)) {
			if s, name, ok := decodeLabel(body, label); ok {
				return s, name, nil
			}
		}
	}
	if validUTF8 {
		return string(body), "utf-8", nil
	}
	head := body
	if len(head) > metaScanLimit {
		head = head[:metaScanLimit]
	}
	if m := metaCharset.FindSubmatch(head); m != nil {
		if s, name, ok := decodeLabel(body, string(m[1])); ok {
			return s, name, nil
		}
	}
	s, name, _ := decodeLabel(body, "windows-1250")
	return s, name, nil
}

func bomEncoding(b []byte) (encoding.Encoding, string) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8BOM, "utf-8"
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM), "utf-16be"
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), "utf-16le"
	}
	return nil, ""
}

// decodeLabel decodes b with the encoding named by label. A label that
// claims UTF-8 is trusted for bytes that are UTF-8 but for a few stray
// bytes (replaced with U+FFFD), not for bytes in another encoding.
func decodeLabel(b []byte, label string) (string, string, bool) {
	enc, name := charset.Lookup(strings.TrimSpace(label))
	if enc == nil {
		return "", "", false
	}
	if name == "utf-8" {
		if bad := invalidUTF8(b); bad > 3 && bad*200 > len(b) {
			return "", "", false
		}
		return strings.ToValidUTF8(string(b), "\uFFFD"), name, true
	}
	out, err := enc.NewDecoder().Bytes(b)
	if err != nil {
		return "", "", false
	}
	return string(out), name, true
}

// invalidUTF8 counts the invalid byte sequences in b.
func invalidUTF8(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			n++
		}
		b = b[size:]
	}
	return n
}

// multibyte reports whether b holds a non-ASCII byte.
func multibyte(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}
