module github.com/corskit/corskit/adapters/chi

go 1.21

require (
	github.com/corskit/corskit/adapters/http v0.1.0
	github.com/corskit/corskit/core v0.1.0
	github.com/go-chi/chi/v5 v5.2.3
)

replace (
	github.com/corskit/corskit/adapters/http => ../http
	github.com/corskit/corskit/core => ../../core
)
