// Package core is corskit's framework-agnostic CORS engine.
//
// A Policy says which cross-origin requests a server accepts. New validates
// it, refusing every insecure or meaningless setting with a message that
// says how to fix it, and compiles it into an Engine. For each request an
// adapter fills a Request from its framework, and Engine.Evaluate returns a
// Decision: the kind of request, whether it is allowed, the headers to set,
// whether to call the next handler, and why a refusal happened. Evaluate
// does no I/O and allocates nothing.
//
// Adapters for gin, echo, fiber and chi (and any net/http router) live in
// their own modules under github.com/corskit/corskit/adapters; most users
// import one of those instead of this package.
//
// The behaviour on the wire follows the WHATWG Fetch standard's CORS
// protocol; the repository's README lists every decision it makes.
package core
