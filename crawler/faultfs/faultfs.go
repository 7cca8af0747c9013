// Package faultfs is a crawler.FS that fails chosen operations the way a
// full or failing disk does: ENOSPC, EIO and short writes, on the WARC
// files, the crawl state and the index directories. Faults are injected
// deterministically, by counting the operations of each rule, so that a
// test or the chaos suite can fail the 7th write of a capture file and
// then resume on a healed disk.
package faultfs

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"sync"
	"syscall"

	"github.com/kronika/kronika/crawler"
)

// Op is a kind of file operation.
type Op string

// Operations a Rule can fail.
const (
	Open     Op = "open"     // FS.OpenFile
	Write    Op = "write"    // File.WriteAt
	Sync     Op = "sync"     // File.Sync, of a file or a directory
	Truncate Op = "truncate" // File.Truncate
	Rename   Op = "rename"   // FS.Rename (matched on the old path)
	Remove   Op = "remove"   // FS.RemoveAll
	Commit   Op = "commit"   // FS.CommitDB: a write transaction of the crawl state
	Statfs   Op = "statfs"   // FS.Statfs: NoSpace reports 0 bytes free, IO fails
)

// Fault is what a failed operation does.
type Fault int

// Faults.
const (
	// NoSpace fails with ENOSPC, nothing written.
	NoSpace Fault = iota
	// IO fails with EIO, nothing written.
	IO
	// ShortNoSpace writes the first half of the bytes, then fails with
	// ENOSPC; other operations fail as NoSpace.
	ShortNoSpace
	// ShortSilent writes the first half of the bytes and reports no
	// error, as a broken file system might; other operations fail as
	// NoSpace.
	ShortSilent
)

// String names the fault.
func (f Fault) String() string {
	return [...]string{"ENOSPC", "EIO", "short write+ENOSPC", "short write, no error"}[f]
}

// Rule fails the N-th (from 1) operation Op on a path whose last element
// matches the pattern Path (filepath.Match: "*.warc.gz*", "state.db",
// "captures"; "" matches every path), and with Sticky every later one
// too: a disk that stays full until Heal.
type Rule struct {
	Op     Op
	Path   string
	N      int
	Fault  Fault
	Sticky bool
}

// String describes the rule for test names.
func (r Rule) String() string {
	s := fmt.Sprintf("%s %s #%d %v", r.Op, r.Path, r.N, r.Fault)
	if r.Sticky {
		s += " on"
	}
	return s
}

// FS wraps a crawler.FS and fails what its rules say. It is safe for
// concurrent use.
type FS struct {
	inner crawler.FS

	mu     sync.Mutex
	rules  []Rule
	counts []int
	fired  []string
}

var _ crawler.FS = (*FS)(nil)

// New returns an FS failing by rules over inner (nil: the operating
// system's).
func New(inner crawler.FS, rules ...Rule) *FS {
	if inner == nil {
		inner = crawler.OSFS{}
	}
	return &FS{inner: inner, rules: rules, counts: make([]int, len(rules))}
}

// Heal drops every rule: the disk has room again.
func (f *FS) Heal() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules, f.counts = nil, nil
}

// Fired lists the faults injected so far, as "op path: fault".
func (f *FS) Fired() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.fired...)
}

// fault counts an operation and returns the fault to inject, if any.
func (f *FS) fault(op Op, path string) (Fault, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i, r := range f.rules {
		if r.Op != op {
			continue
		}
		if ok, _ := filepath.Match(r.Path, filepath.Base(path)); r.Path != "" && !ok {
			continue
		}
		f.counts[i]++
		if f.counts[i] == r.N || r.Sticky && f.counts[i] > r.N {
			f.fired = append(f.fired, fmt.Sprintf("%s %s: %v", op, path, r.Fault))
			return r.Fault, true
		}
	}
	return 0, false
}

// check returns the error of an injected fault on an operation that
// writes no bytes.
func (f *FS) check(op Op, path string) error {
	flt, ok := f.fault(op, path)
	if !ok {
		return nil
	}
	return pathError(op, path, flt)
}

func pathError(op Op, path string, flt Fault) error {
	errno := syscall.ENOSPC
	if flt == IO {
		errno = syscall.EIO
	}
	return &fs.PathError{Op: string(op), Path: path, Err: errno}
}

// OpenFile implements crawler.FS.
func (f *FS) OpenFile(name string, flag int, perm fs.FileMode) (crawler.File, error) {
	if err := f.check(Open, name); err != nil {
		return nil, err
	}
	file, err := f.inner.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return &faultFile{fs: f, f: file, path: name}, nil
}

// Rename implements crawler.FS.
func (f *FS) Rename(oldpath, newpath string) error {
	if err := f.check(Rename, oldpath); err != nil {
		return err
	}
	return f.inner.Rename(oldpath, newpath)
}

// RemoveAll implements crawler.FS.
func (f *FS) RemoveAll(path string) error {
	if err := f.check(Remove, path); err != nil {
		return err
	}
	return f.inner.RemoveAll(path)
}

// Statfs implements crawler.FS: a NoSpace fault reports a full disk.
func (f *FS) Statfs(path string) (int64, error) {
	if flt, ok := f.fault(Statfs, path); ok {
		if flt == IO {
			return 0, pathError(Statfs, path, flt)
		}
		return 0, nil
	}
	return f.inner.Statfs(path)
}

// CommitDB implements crawler.FS.
func (f *FS) CommitDB(path string) error {
	if err := f.check(Commit, path); err != nil {
		return err
	}
	return f.inner.CommitDB(path)
}

// faultFile is a file of an FS.
type faultFile struct {
	fs   *FS
	f    crawler.File
	path string
}

// WriteAt writes, or writes half and fails, as the rules say.
func (w *faultFile) WriteAt(p []byte, off int64) (int, error) {
	flt, ok := w.fs.fault(Write, w.path)
	if !ok {
		return w.f.WriteAt(p, off)
	}
	if flt == NoSpace || flt == IO {
		return 0, pathError(Write, w.path, flt)
	}
	n, err := w.f.WriteAt(p[:len(p)/2], off)
	if err == nil && flt == ShortNoSpace {
		err = pathError(Write, w.path, flt)
	}
	return n, err
}

// Sync implements crawler.File.
func (w *faultFile) Sync() error {
	if err := w.fs.check(Sync, w.path); err != nil {
		return err
	}
	return w.f.Sync()
}

// Truncate implements crawler.File.
func (w *faultFile) Truncate(size int64) error {
	if err := w.fs.check(Truncate, w.path); err != nil {
		return err
	}
	return w.f.Truncate(size)
}

// Close closes the file; closing never fails by a rule, as the kernel
// releases a descriptor whatever happened to its writes.
func (w *faultFile) Close() error { return w.f.Close() }
