package index

import (
	"context"
	"encoding/json"

	"github.com/kronika/kronika/news"
)

// This file reads every stored document and visit record straight from
// the segments, for `kronika check`: a check of the whole archive visits
// each of them once, in no order, which no search needs to rank or page.

// DocumentRef is what a check of the archive reads of a document: where
// it comes from and the captures it was read from.
type DocumentRef struct {
	ID       string         `json:"id"`
	URL      string         `json:"url"`
	Site     string         `json:"site"`
	Captures []news.Capture `json:"captures"`
	// Unreadable says why the stored document could not be read (a
	// damaged segment); the fields above are then empty.
	Unreadable string `json:"-"`
}

// EachDocument calls fn with every document of the index, in no
// particular order, until fn returns an error, which it returns. A
// document whose stored fields do not read is passed on with Unreadable
// set, and the walk goes on.
func (ix *Index) EachDocument(ctx context.Context, fn func(DocumentRef) error) error {
	return ix.eachSource(ctx, func(src []byte, err error) error {
		var d DocumentRef
		if err == nil {
			err = json.Unmarshal(src, &d)
		}
		if err != nil {
			d = DocumentRef{Unreadable: err.Error()}
		}
		return fn(d)
	})
}

// VisitRef is what a check of the archive reads of a visit record: the
// documents its sources are.
type VisitRef struct {
	ID      string `json:"id"`
	Sources []struct {
		DocumentID string `json:"document_id"`
	} `json:"sources"`
	// Unreadable says why the stored record could not be read; the
	// fields above are then empty.
	Unreadable string `json:"-"`
}

// EachVisit calls fn with every visit record, in no particular order,
// until fn returns an error, which it returns. A record that does not
// read is passed on with Unreadable set.
func (ix *Index) EachVisit(ctx context.Context, fn func(VisitRef) error) error {
	return ix.visits.ix.eachSource(ctx, func(src []byte, err error) error {
		var v VisitRef
		if err == nil {
			err = json.Unmarshal(src, &v)
		}
		if err != nil {
			v = VisitRef{Unreadable: err.Error()}
		}
		return fn(v)
	})
}

// eachSource calls fn with the stored source of every live document of a
// snapshot of the index, or with the error of reading it.
func (ix *Index) eachSource(ctx context.Context, fn func(src []byte, err error) error) error {
	snap, err := ix.snapshot()
	if err != nil {
		return err
	}
	defer snap.Close()
	for i := range snap.segments() {
		for local := range snap.segmentDocs(i) {
			if err := ctx.Err(); err != nil {
				return err
			}
			if !snap.live(i, local) {
				continue
			}
			var src []byte
			err := snap.storedFields(i, local, func(field string, value []byte) bool {
				if field == fieldSource {
					// The value may live in a buffer zap reuses once
					// the visit returns.
					src = append([]byte(nil), value...)
					return false
				}
				return true
			})
			if err == nil && src == nil {
				continue
			}
			if err == nil {
				src, err = sourceJSON(src)
			}
			if err := fn(src, err); err != nil {
				return err
			}
		}
	}
	return nil
}
