package core

import (
	"strings"

	"github.com/corskit/corskit/core/internal/header"
)

// Vary is appended to, never overwritten and never duplicated: a shared
// cache must key on Origin whatever the handlers before or after corskit
// wrote.

// blank reports whether header lines hold nothing but white space.
func blank(lines []string) bool {
	for _, l := range lines {
		if header.TrimOWS(l) != "" {
			return false
		}
	}
	return true
}

// mergeVaryLines returns lines plus the tokens of add that they lack, as
// new lines, never writing into lines' backing array.
func mergeVaryLines(lines []string, add string) []string {
	missing := 0
	for tok := range header.Items(add) {
		if !varyHas(lines, tok) {
			missing++
		}
	}
	if missing == 0 {
		return lines
	}
	out := lines[:len(lines):len(lines)]
	if missing == strings.Count(add, ",")+1 {
		return append(out, add)
	}
	for tok := range header.Items(add) {
		if !varyHas(lines, tok) {
			out = append(out, tok)
		}
	}
	return out
}

// varyHas reports whether the Vary lines already name tok, or "*".
func varyHas(lines []string, tok string) bool {
	for _, l := range lines {
		for item := range header.Items(l) {
			if item == "*" || header.EqualFoldASCII(item, tok) {
				return true
			}
		}
	}
	return false
}

// mergeVary merges the comma-separated tokens of add into the Vary lines
// existing as one value, without duplicates, and reports whether it
// differs from what is there.
func mergeVary(existing []string, add string) (string, bool) {
	if add == "" {
		return "", false
	}
	if blank(existing) {
		return add, true
	}
	merged := mergeVaryLines(existing, add)
	if len(merged) == len(existing) {
		return "", false
	}
	return strings.Join(merged, ", "), true
}
