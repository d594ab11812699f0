package core

// Middleware compiles p and returns the middleware that from builds on the
// engine: an adapter's New in one line. On error it returns the zero M (a
// nil middleware) and New's error, unchanged.
func Middleware[M any](p Policy, from func(*Engine) M) (M, error) {
	e, err := New(p)
	if err != nil {
		var none M
		return none, err
	}
	return from(e), nil
}

// MustMiddleware is Middleware that panics with New's error when p is
// refused: an adapter's Must, for policies written in the program.
func MustMiddleware[M any](p Policy, from func(*Engine) M) M {
	m, err := Middleware(p, from)
	if err != nil {
		panic(err)
	}
	return m
}
