// Command report turns the benchmark results that bench/run.sh collects
// into BENCHMARKS.md and an SVG bar chart.
//
//	go run ./cmd/report -results results -benchstat benchstat -out ../BENCHMARKS.md -svg chart.svg
//
// It reads results/raw.txt (the benchmark output), results/env.txt (what
// run.sh recorded about the run), runs benchstat on the raw output once per
// framework for medians, confidence intervals and p-values, and runs the
// correctness pass in-process, so that every row of the report carries the
// verdict on its answer.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/corskit/corskit/bench"
)

func main() {
	results := flag.String("results", "results", "directory holding raw.txt, env.txt and benchstat.txt")
	benchstat := flag.String("benchstat", "benchstat", "the benchstat command")
	out := flag.String("out", "../BENCHMARKS.md", "the report to write")
	svg := flag.String("svg", "chart.svg", "the chart to write")
	order := flag.Bool("order", false, "print the implementations in report order, for benchstat's -col, and exit")
	flag.Parse()
	if *order {
		fmt.Println(strings.Join(implOrder(), " "))
		return
	}
	log.SetFlags(0)
	log.SetPrefix("report: ")

	raw := filepath.Join(*results, "raw.txt")
	if _, err := os.Stat(raw); err != nil {
		log.Fatalf("%v: run bench/run.sh first", err)
	}
	env := readEnv(filepath.Join(*results, "env.txt"))
	text, _ := os.ReadFile(filepath.Join(*results, "benchstat.txt"))

	var fws []Analysis
	for _, f := range bench.Frameworks() {
		var names []string
		for _, impl := range f.Impls {
			names = append(names, impl.Name)
		}
		t, cmd, err := runBenchstat(*benchstat, raw, f.Name, names)
		if err != nil {
			log.Fatal(err)
		}
		if len(t) == 0 {
			continue // filtered out of this run
		}
		fws = append(fws, analyse(f, t, cmd))
	}
	if len(fws) == 0 {
		log.Fatalf("no benchmark results in %s", raw)
	}

	rel := *svg
	absOut, err1 := filepath.Abs(*out)
	absSVG, err2 := filepath.Abs(*svg)
	if err1 == nil && err2 == nil {
		if r, err := filepath.Rel(filepath.Dir(absOut), absSVG); err == nil {
			rel = r
		}
	}
	rel = filepath.ToSlash(rel)
	if err := os.WriteFile(*svg, []byte(chart(fws)), 0o644); err != nil {
		log.Fatal(err)
	}
	md := markdown(fws, env, machine(), string(text), rel, filepath.ToSlash(filepath.Join(filepath.Base(*results))))
	if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
		log.Fatal(err)
	}
}

// readEnv reads run.sh's "key value" lines.
func readEnv(path string) map[string]string {
	env := make(map[string]string)
	data, err := os.ReadFile(path)
	if err != nil {
		return env
	}
	for _, line := range strings.Split(string(data), "\n") {
		if k, v, ok := strings.Cut(line, " "); ok {
			env[k] = v
		}
	}
	return env
}

// Machine describes where the benchmarks ran.
type Machine struct {
	CPU   string
	Cores int
}

func machine() Machine {
	m := Machine{CPU: "unknown"}
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return m
	}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "model name":
			m.CPU = strings.TrimSpace(v)
		case "processor":
			m.Cores++
		}
	}
	return m
}

func fmtNS(ns float64) string {
	switch {
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e4:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	case ns >= 1e3:
		return fmt.Sprintf("%.2f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.0f ns", ns)
	}
}

// implOrder lists every implementation name once: corskit, the peers in
// framework order, then the baselines.
func implOrder() []string {
	seen := map[string]bool{}
	var first, peers, last []string
	for _, f := range bench.Frameworks() {
		for _, impl := range f.Impls {
			if seen[impl.Name] {
				continue
			}
			seen[impl.Name] = true
			switch impl.Role {
			case bench.Corskit:
				first = append(first, impl.Name)
			case bench.Peer:
				peers = append(peers, impl.Name)
			default:
				last = append(last, impl.Name)
			}
		}
	}
	return append(append(first, peers...), last...)
}
