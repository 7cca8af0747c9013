// Command gen builds the lemma dictionary embedded in package polish from
// Morfologik's Polish dictionary (PoliMorf), as shipped by Debian's
// libmorfologik-stemming-java in morfologik-polish.jar.
//
// Run it through `go generate` in polish/. It installs the Debian package
// with apt-get when the jar is missing and it runs as root.
package main

import (
	"archive/zip"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/exec"
	"time"

	"github.com/kronika/kronika/polish/internal/morfologik"
)

const (
	debianPackage = "libmorfologik-stemming-java"
	dictEntry     = "morfologik/dictionaries/pl.dict"
)

func main() {
	jar := flag.String("jar", "/usr/share/java/morfologik-polish.jar", "path to morfologik-polish.jar")
	lists := flag.String("wordlists", "", "path to the "+wordListPackage+" tarball (default: npm pack it)")
	out := flag.String("o", "pl_lemmas.bin", "output file")
	flag.Parse()
	log.SetFlags(0)
	if err := run(*jar, *lists, *out); err != nil {
		log.Fatalf("gen: %v", err)
	}
}

func run(jar, lists, out string) error {
	start := time.Now()
	if err := ensureJar(jar); err != nil {
		return err
	}
	raw, err := readZipEntry(jar, dictEntry)
	if err != nil {
		return err
	}
	fsa, err := morfologik.Parse(raw)
	if err != nil {
		return fmt.Errorf("parse %s: %w", dictEntry, err)
	}
	wl, err := fetchLists(lists)
	if err != nil {
		return err
	}
	lx, err := collect(fsa)
	if err != nil {
		return err
	}
	data, stats, err := encode(lx, wl)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("write output: %w", err)
	}
	log.Printf("gen: %s: %d bytes (%s) in %v", out, len(data), stats, time.Since(start).Round(time.Millisecond))
	return nil
}

// ensureJar installs the Debian package that ships the jar when it is
// missing.
func ensureJar(jar string) error {
	if _, err := os.Stat(jar); err == nil {
		return nil
	}
	if os.Geteuid() != 0 {
		return fmt.Errorf("%s not found: install it with `apt-get install %s` or pass -jar", jar, debianPackage)
	}
	log.Printf("gen: installing %s", debianPackage)
	for _, args := range [][]string{{"update", "-qq"}, {"install", "-y", "-qq", debianPackage}} {
		cmd := exec.Command("apt-get", args...)
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		cmd.Env = append(os.Environ(), "DEBIAN_FRONTEND=noninteractive")
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("apt-get %s: %w", args[0], err)
		}
	}
	if _, err := os.Stat(jar); err != nil {
		return fmt.Errorf("after installing %s: %w", debianPackage, err)
	}
	return nil
}

func readZipEntry(path, name string) ([]byte, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, fmt.Errorf("open jar: %w", err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return nil, fmt.Errorf("open %s: %w", name, err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		return b, nil
	}
	return nil, errors.New(name + " not in jar")
}
