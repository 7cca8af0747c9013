package benchcorpus

import (
	"fmt"
	"io"
	"os"
	"strings"
)

// LoadAverage returns the one-minute load average from /proc/loadavg, or
// "?" where there is none. Figures on a shared machine are read beside it.
func LoadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "?"
	}
	return f[0]
}

// WriteIndexTable writes results as a Markdown table, with each
// variant's throughput as a ratio to the first result whose variant is
// baseline (the same run's Bleve defaults).
func WriteIndexTable(w io.Writer, results []IndexResult, loads []string) {
	var base *IndexResult
	for i := range results {
		if results[i].Variant == VariantBaseline {
			base = &results[i]
			break
		}
	}
	fmt.Fprintln(w, "| variant | docs | batch | s | docs/s | × baseline | CPU s | docs/CPU-s | × baseline | MB/s | index MB | index / raw | peak RSS MB | load |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for i, r := range results {
		ratio, cpuRatio := "–", "–"
		if base != nil && base.DocsPerSec > 0 {
			ratio = fmt.Sprintf("%.2f", r.DocsPerSec/base.DocsPerSec)
		}
		perCPU := 0.0
		if r.CPUSeconds > 0 {
			perCPU = float64(r.Docs) / r.CPUSeconds
			if base != nil && base.CPUSeconds > 0 {
				cpuRatio = fmt.Sprintf("%.2f", perCPU/(float64(base.Docs)/base.CPUSeconds))
			}
		}
		load := "?"
		if i < len(loads) {
			load = loads[i]
		}
		name := r.Variant
		var setup []string
		if r.Workers > 0 {
			setup = append(setup, fmt.Sprintf("%d workers", r.Workers))
		}
		if r.Shards > 1 {
			setup = append(setup, fmt.Sprintf("%d shards", r.Shards))
		}
		switch {
		case r.MaxSegment > 0:
			setup = append(setup, fmt.Sprintf("segments ≤ %d docs", r.MaxSegment))
		case r.MaxSegment < 0:
			setup = append(setup, "segments uncapped")
		}
		if r.Indexers > 1 {
			setup = append(setup, fmt.Sprintf("%d indexers", r.Indexers))
		}
		if len(setup) > 0 {
			name += " (" + strings.Join(setup, ", ") + ")"
		}
		fmt.Fprintf(w, "| %s | %d | %d | %.1f | %.0f | %s | %.1f | %.0f | %s | %.2f | %.0f | %.2f | %.0f | %s |\n",
			name, r.Docs, r.BatchSize, r.Seconds, r.DocsPerSec, ratio, r.CPUSeconds, perCPU, cpuRatio, r.MBPerSec,
			float64(r.IndexBytes)/1e6, r.SizeRatio, r.PeakRSSMB, load)
	}
}
