package crawler

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// FS is the file system under a data directory, as the archive, the
// crawl state and the swap of a rebuilt index write to it. It is the seam
// through which tests inject a full disk, I/O errors and short writes on
// every write path; OSFS is the real one. A nil FS means OSFS.
type FS interface {
	// OpenFile opens a file or directory as os.OpenFile does.
	OpenFile(name string, flag int, perm fs.FileMode) (File, error)
	// Rename renames a file or directory as os.Rename does.
	Rename(oldpath, newpath string) error
	// RemoveAll removes path and what it holds, as os.RemoveAll does.
	RemoveAll(path string) error
	// Statfs returns the bytes an unprivileged process may still write
	// on the file system holding path.
	Statfs(path string) (free int64, err error)
	// CommitDB is asked as each write transaction of a bbolt file (the
	// crawl state) is about to be committed. bbolt writes and syncs its
	// file through a descriptor of its own, out of OpenFile's reach, so
	// this is where its writes are seen: an error fails the transaction
	// the way a failed write of the file does, and bbolt rolls it back.
	CommitDB(path string) error
}

// File is a file opened through an FS.
type File interface {
	// WriteAt writes p at off. Fewer than len(p) bytes written is a
	// failure, whatever the error says.
	WriteAt(p []byte, off int64) (int, error)
	Sync() error
	Truncate(size int64) error
	Close() error
}

// OSFS is the operating system's file system.
type OSFS struct{}

var _ FS = OSFS{}

// OpenFile calls os.OpenFile.
func (OSFS) OpenFile(name string, flag int, perm fs.FileMode) (File, error) {
	f, err := os.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Rename calls os.Rename.
func (OSFS) Rename(oldpath, newpath string) error { return os.Rename(oldpath, newpath) }

// RemoveAll calls os.RemoveAll.
func (OSFS) RemoveAll(path string) error { return os.RemoveAll(path) }

// Statfs returns the blocks available to unprivileged users times the
// block size.
func (OSFS) Statfs(path string) (int64, error) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return 0, &fs.PathError{Op: "statfs", Path: path, Err: err}
	}
	return int64(st.Bavail) * int64(st.Bsize), nil
}

// CommitDB lets every transaction through: bbolt reports its own write
// errors.
func (OSFS) CommitDB(string) error { return nil }

// orOS returns fsys, or OSFS when it is nil.
func orOS(fsys FS) FS {
	if fsys == nil {
		return OSFS{}
	}
	return fsys
}

// SyncDir makes the entries of dir (files created, renamed or removed in
// it) durable.
func SyncDir(fsys FS, dir string) error {
	d, err := orOS(fsys).OpenFile(dir, os.O_RDONLY, 0)
	if err != nil {
		return fmt.Errorf("sync directory: %w", err)
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sync directory %s: %w", dir, err)
	}
	return nil
}

// WriteFileSync writes data to a new file at path through fsys and syncs
// it and its directory, so that the file is whole on disk when it
// returns: a marker that other steps trust must never be found empty.
func WriteFileSync(fsys FS, path string, data []byte) error {
	fsys = orOS(fsys)
	f, err := fsys.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	n, err := f.WriteAt(data, 0)
	if err == nil && n < len(data) {
		err = fmt.Errorf("write %s: %d of %d bytes written", path, n, len(data))
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return SyncDir(fsys, filepath.Dir(path))
}

// DiskFullError stops a crawl when the data directory's file system has
// less free space than the crawl keeps in reserve: the WARC files, the
// crawl state and the index all grow there, and a write that fails half
// way costs more to repair than a clean stop.
type DiskFullError struct {
	Dir  string
	Free int64 // bytes free
	Need int64 // the reserve the crawl keeps
}

// Error says how much is left and what to do.
func (e *DiskFullError) Error() string {
	return fmt.Sprintf("disk almost full: %d MiB free in %s (the crawl keeps %d MiB in reserve); free space and run the command again to resume",
		e.Free>>20, e.Dir, (e.Need+1<<20-1)>>20)
}

// StorageError is a failed write of the archive or the crawl state. The
// crawl stops at the first one; what was not recorded is fetched again by
// the next run.
type StorageError struct {
	Op  string // what was being written, e.g. "write capture"
	Err error
}

// Error names the write and its cause.
func (e *StorageError) Error() string { return e.Op + ": " + e.Err.Error() }

// Unwrap returns the cause.
func (e *StorageError) Unwrap() error { return e.Err }

// IsStorage reports whether err is a failure of the data directory's
// disk: a full disk or a failed write, which no retry of single pages
// mends.
func IsStorage(err error) bool {
	var se *StorageError
	var de *DiskFullError
	return errors.As(err, &se) || errors.As(err, &de)
}
