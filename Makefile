# Kronika's Makefile: the benchmark targets. BENCHMARKS.md explains the
# figures; bench-out/ is ignored by git.
#
# The benchmarks live in kronika-lab (./cmd/kronika-lab), not in the product
# binary. Both are built into $(BENCH_OUT): `kronika-lab bench index` runs
# each variant in a child kronika-lab process, and `kronika-lab bench query`
# starts the kronika binary next to it as `kronika serve`.

GO ?= go
BENCH_OUT ?= bench-out
BENCH_N ?= 2000

.PHONY: bench bench-full bench-bin screenshots

bench-bin:
	mkdir -p $(BENCH_OUT)
	$(GO) build -o $(BENCH_OUT)/kronika ./cmd/kronika
	$(GO) build -o $(BENCH_OUT)/kronika-lab ./cmd/kronika-lab

# The quick version of BENCHMARKS.md: a 2,000-article corpus indexed by
# every variant, then the query mix at 1, 4 and 16 clients on the index
# the full pipeline built (entity pages of people it found). Under five
# minutes on the 2-core machine.
bench: bench-bin
	$(BENCH_OUT)/kronika-lab bench index --n $(BENCH_N) --work $(BENCH_OUT) --keep
	$(BENCH_OUT)/kronika-lab bench query --n $(BENCH_N) --data $(BENCH_OUT)/data-kronika-$(BENCH_N) --baseline-index $(BENCH_OUT)/data-baseline-$(BENCH_N)/index --duration 2s --max-requests 500

# The figures of BENCHMARKS.md at 100,000 articles (about an hour).
bench-full: bench-bin
	$(BENCH_OUT)/kronika-lab bench index --n 100000 --work $(BENCH_OUT) --keep
	$(BENCH_OUT)/kronika-lab bench query --n 100000 --data $(BENCH_OUT)/data-kronika-100000 --baseline-index $(BENCH_OUT)/data-baseline-100000/index --duration 15s

# PNGs of every kind of page of the web UI (search, facet values, entity
# pages, visits, a visit, a document, its archived copy, errors) at 1400
# and 400 px, written to $(SCREENSHOTS), over a new demo archive. Needs
# Chromium; fails when a page scrolls sideways or shows console errors.
SCREENSHOTS ?= screenshots

screenshots: bench-bin
	$(BENCH_OUT)/kronika-lab screenshots --out $(SCREENSHOTS) --widths 1400,400
