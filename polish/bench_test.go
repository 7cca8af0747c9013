package polish

import (
	"runtime"
	"strings"
	"testing"
)

// benchWords mixes common, inflected, capitalised and unknown words, as a
// news text does.
var benchWords = strings.Fields(`Marszałek województwa spotkał się w Płocku z delegacją
z Walonii wizyta dotyczyła współpracy klastrów przemysłowych oraz innowacyjnych
przedsiębiorstw regionu Hugues Labar przedstawił doświadczenia belgijskich parków
technologicznych rozmawiano o projektach badawczych funduszach europejskich i szkoleniach
dla pracowników samorządowych Agnieszka Rypińska podkreśliła znaczenie porozumienia`)

func BenchmarkLemmas(b *testing.B) {
	d := Default()
	var dst []string
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		dst = d.AppendLemmas(dst[:0], benchWords[i%len(benchWords)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mlookups/s")
}

func BenchmarkContains(b *testing.B) {
	d := Default()
	i := 0
	for b.Loop() {
		d.Contains(benchWords[i%len(benchWords)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mlookups/s")
}

func BenchmarkAnalyses(b *testing.B) {
	d := Default()
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		d.Analyses(benchWords[i%len(benchWords)])
		i++
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Load(embedded); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLoadMemory reports the heap a loaded dictionary adds after a
// thousand lookups (the embedded file itself is in the binary's read-only
// data and not counted).
func BenchmarkLoadMemory(b *testing.B) {
	var before, after runtime.MemStats
	for b.Loop() {
		runtime.GC()
		runtime.ReadMemStats(&before)
		d, err := Load(embedded)
		if err != nil {
			b.Fatal(err)
		}
		for i := range 1000 {
			d.Lemmas(benchWords[i%len(benchWords)])
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		runtime.KeepAlive(d)
	}
	b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB-heap")
}

func BenchmarkGuessLemmas(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		GuessLemmas("Huguesa")
	}
}

// BenchmarkLemmasSpread looks up 92,000 forms spread over the whole
// dictionary, so that the FST is not all in cache as with a short list.
func BenchmarkLemmasSpread(b *testing.B) {
	d := Default()
	it, err := d.file.FST.Iterator(nil, nil)
	var words []string
	for n := 0; err == nil; n++ {
		if n%50 == 0 {
			k, _ := it.Current()
			words = append(words, string(k))
		}
		err = it.Next()
	}
	var dst []string
	b.ResetTimer()
	i := 0
	for b.Loop() {
		dst = d.AppendLemmas(dst[:0], words[i%len(words)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mlookups/s")
}

// BenchmarkFold measures Fold on words with Polish diacritics, plain ASCII
// ones, and ones with letters of other languages.
func BenchmarkFold(b *testing.B) {
	for _, tt := range []struct {
		name  string
		words []string
	}{
		{"polish", benchWords},
		{"other latin", []string{"Søren", "Đorđević", "Straße", "Ørsted", "Müller", "Œuvre"}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				Fold(tt.words[i%len(tt.words)])
				i++
			}
		})
	}
}
