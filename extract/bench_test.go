package extract

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// BenchmarkExtract measures throughput on the golden article texts, with
// the name tagger (the default) and with the rules alone; the MB/s column
// is megabytes of text per second on one core.
func BenchmarkExtract(b *testing.B) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.txt"))
	if err != nil || len(files) == 0 {
		b.Fatalf("no golden texts: %v", err)
	}
	var texts []string
	size := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		_, body, _ := strings.Cut(string(data), "\n")
		texts = append(texts, body)
		size += len(body)
	}
	for _, c := range []struct {
		name string
		opts []Option
	}{{"tagger", nil}, {"rules", []Option{WithoutTagger()}}} {
		x, err := New(c.opts...)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			pub := time.Date(2016, 1, 12, 0, 0, 0, 0, time.UTC)
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, t := range texts {
					x.Extract(t, &pub)
				}
			}
		})
	}
}

// keyNames are entity names as the extractor meets them: mostly Polish,
// some plain ASCII, some with letters of other languages or scripts.
var keyNames = map[string][]string{
	"polish": {"Płocki Park Przemysłowo – Technologiczny", "Urząd Miasta Płocka", "PŁOCK",
		"Stowarzyszenie „Dolina Lotnicza”", "Agnieszka Rypińska", "Samorząd Województwa Mazowieckiego"},
	"ascii":        {"Hugues Labar", "Plock", "Parlament Europejski", "IKEA Industry Poland"},
	"other latin":  {"Søren Kierkegaard", "Đorđe Đorđević", "Straße des 17. Juni", "Ørsted", "café Müller"},
	"other script": {"Київ", "Володимир Зеленський", "Κωνσταντίνος Καβάφης"},
}

// BenchmarkKey measures Key, which runs for every name the extractor
// finds and every entity value indexed; ns/op is per name.
func BenchmarkKey(b *testing.B) {
	for _, kind := range []string{"polish", "ascii", "other latin", "other script"} {
		names := keyNames[kind]
		b.Run(kind, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				Key(names[i%len(names)])
				i++
			}
		})
	}
}
