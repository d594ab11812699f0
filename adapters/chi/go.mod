module github.com/corskit/corskit/adapters/chi

go 1.23.0

require (
	github.com/corskit/corskit/adapters/http v0.1.0
	github.com/corskit/corskit/core v0.1.0
	github.com/go-chi/chi/v5 v5.2.3
)

require golang.org/x/net v0.38.0 // indirect

replace (
	github.com/corskit/corskit/adapters/http => ../http
	github.com/corskit/corskit/core => ../../core
)
