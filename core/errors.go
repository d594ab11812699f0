package core

import (
	"strconv"
	"strings"
)

// Problem is what every configuration error says: where the problem is,
// the value at fault, what is wrong with it and how to fix it. New returns
// an errors.Join of one typed error per problem (*OriginError,
// *MethodError, *HeaderError, *ValueError), each embedding a Problem, and
// LoadJSON and FromEnv report keys and variables as *KeyError and
// *EnvError, so that a program can find them with errors.As instead of
// reading the text:
//
//	var oe *core.OriginError
//	if errors.As(err, &oe) {
//		log.Printf("origin %d (%q): %s", oe.Index, oe.Value, oe.Fix)
//	}
//
// errors.As finds the first problem of a type; to see every problem, unwrap
// the join with interface{ Unwrap() []error }.
type Problem struct {
	// Field names the policy field as its JSON key ("allowedOrigins"), or
	// for FromEnv the environment variable ("CORS_MAX_AGE").
	Field string
	// Index is the position of Value in a list field, or -1 when the
	// problem is with the field as a whole.
	Index int
	// Value is the value at fault, as given.
	Value string
	// Reason says what is wrong.
	Reason string
	// Fix says what to write instead; it may be empty.
	Fix string
}

// message renders p as `cors policy: allowedOrigins[1] "value": reason;
// fix`, or `cors policy: field reason; fix` for a field without a value.
func (p *Problem) message() string {
	var b strings.Builder
	b.WriteString("cors policy: ")
	b.WriteString(p.Field)
	if p.Index >= 0 {
		b.WriteByte('[')
		b.WriteString(strconv.Itoa(p.Index))
		b.WriteByte(']')
	}
	if p.Index >= 0 || p.Value != "" {
		b.WriteByte(' ')
		b.WriteString(strconv.Quote(p.Value))
		b.WriteByte(':')
	}
	b.WriteByte(' ')
	b.WriteString(p.Reason)
	p.writeFix(&b)
	return b.String()
}

func (p *Problem) writeFix(b *strings.Builder) {
	if p.Fix != "" {
		b.WriteString("; ")
		b.WriteString(p.Fix)
	}
}

// OriginError is a problem with an entry of allowedOrigins: malformed, not
// an origin a browser sends, or unsafe with the rest of the policy.
type OriginError struct{ Problem }

// Error renders e as `cors policy: field[index] "value": reason; fix`.
func (e *OriginError) Error() string { return e.message() }

// MethodError is a problem with an entry of allowedMethods.
type MethodError struct{ Problem }

// Error renders e as `cors policy: field[index] "value": reason; fix`.
func (e *MethodError) Error() string { return e.message() }

// HeaderError is a problem with an entry of allowedHeaders or
// exposedHeaders; Field says which.
type HeaderError struct{ Problem }

// Error renders e as `cors policy: field[index] "value": reason; fix`.
func (e *HeaderError) Error() string { return e.message() }

// ValueError is a problem with a field as a whole: an out-of-range maxAge
// or optionsSuccessStatus, or an empty allowedOrigins. Its Index is -1.
type ValueError struct{ Problem }

// Error renders e as `cors policy: field[index] "value": reason; fix`.
func (e *ValueError) Error() string { return e.message() }

// KeyError is a problem with a key of a JSON policy: unknown, or repeated.
// Field is the key as written, Index is -1 and Value is empty.
type KeyError struct {
	Problem
	// Line is the line of the JSON the key is on, counting from 1; 0 when
	// it is not known.
	Line int
}

// Error renders e as `cors policy: reason "key" on line N; fix`.
func (e *KeyError) Error() string {
	var b strings.Builder
	b.WriteString("cors policy: ")
	b.WriteString(e.Reason)
	b.WriteByte(' ')
	b.WriteString(strconv.Quote(e.Field))
	if e.Line > 0 {
		b.WriteString(" on line ")
		b.WriteString(strconv.Itoa(e.Line))
	}
	e.writeFix(&b)
	return b.String()
}

// EnvError is a problem with an environment variable FromEnv read: Field
// is the variable, Value its value, and Index is -1.
type EnvError struct{ Problem }

// Error renders e as `cors policy: VARIABLE="value": reason; fix`.
func (e *EnvError) Error() string {
	var b strings.Builder
	b.WriteString("cors policy: ")
	b.WriteString(e.Field)
	b.WriteByte('=')
	b.WriteString(strconv.Quote(e.Value))
	b.WriteString(": ")
	b.WriteString(e.Reason)
	e.writeFix(&b)
	return b.String()
}
