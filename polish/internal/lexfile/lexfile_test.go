package lexfile

import (
	"testing"
)

func TestRoundTrip(t *testing.T) {
	tags := []string{"subst:sg:gen:f", "subst:pl:nom:f", "verb:fin:sg:ter:imperf"}
	b := NewBuilder(tags)
	entries := []struct {
		key string
		es  []Entry
	}{
		{"gra", []Entry{
			{Record: Record{Append: []byte("ć")}, Tags: []int{2}},
			{Record: Record{}, Tags: []int{0}},
		}},
		{"wizyty", []Entry{{Record: Record{SuffixCut: 1, Append: []byte("a")}, Tags: []int{1, 0}}}},
		{"zwizyty", []Entry{{Record: Record{PrefixCut: 1, SuffixCut: 1, Append: []byte("a"), Case: Title, Flags: Surname}, Tags: []int{0}}}},
	}
	for _, e := range entries {
		if err := b.Add(e.key, e.es); err != nil {
			t.Fatalf("Add(%q): %v", e.key, err)
		}
	}
	if err := b.Add("aaa", entries[0].es); err == nil {
		t.Errorf("Add out of order: no error")
	}
	data, st, err := b.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	if st.Forms != 3 || st.Sets != 3 {
		t.Errorf("stats = %+v, want 3 forms in 3 sets", st)
	}
	f, err := Open(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		id, ok, err := f.FST.Get([]byte(e.key))
		if err != nil || !ok {
			t.Fatalf("Get(%q) = %v %v", e.key, ok, err)
		}
		recs, err := f.AppendSet(nil, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != len(e.es) {
			t.Fatalf("%q: %d records, want %d", e.key, len(recs), len(e.es))
		}
		for i, r := range recs {
			want := e.es[i]
			if r.PrefixCut != want.PrefixCut || r.SuffixCut != want.SuffixCut || string(r.Append) != string(want.Append) ||
				r.Case != want.Case || r.Flags != want.Flags {
				t.Errorf("%q record %d = %+v, want %+v", e.key, i, r, want.Record)
			}
			ts, err := f.AppendTags(nil, r.TagSet)
			if err != nil {
				t.Fatal(err)
			}
			if len(ts) != len(want.Tags) {
				t.Errorf("%q record %d tags = %v, want %v", e.key, i, ts, want.Tags)
			}
		}
	}
	if _, err := f.AppendSet(nil, 99); err == nil {
		t.Errorf("AppendSet(99): no error")
	}
}

func TestOpenRejects(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
	}{
		{"empty", nil},
		{"bad magic", []byte("KRLEX\x00\x09\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx")},
		{"truncated header", append(append([]byte{}, magic...), 1, 2, 3)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Open(tt.in); err == nil {
				t.Errorf("Open(%q): no error", tt.in)
			}
		})
	}
}
