package core

// The header names CORS reads and writes, canonical as net/http and
// fasthttp write them: the one table every file of the core uses.
const (
	// Request headers.
	hOrigin                = "Origin"
	hRequestMethod         = "Access-Control-Request-Method"
	hRequestHeaders        = "Access-Control-Request-Headers"
	hRequestPrivateNetwork = "Access-Control-Request-Private-Network"

	// Response headers.
	hAllowOrigin         = "Access-Control-Allow-Origin"
	hAllowCredentials    = "Access-Control-Allow-Credentials"
	hAllowMethods        = "Access-Control-Allow-Methods"
	hAllowHeaders        = "Access-Control-Allow-Headers"
	hExposeHeaders       = "Access-Control-Expose-Headers"
	hMaxAge              = "Access-Control-Max-Age"
	hAllowPrivateNetwork = "Access-Control-Allow-Private-Network"
	hVary                = "Vary"
)
