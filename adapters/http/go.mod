module github.com/corskit/corskit/adapters/http

go 1.23.0

require github.com/corskit/corskit/core v0.1.0

require golang.org/x/net v0.38.0 // indirect

replace github.com/corskit/corskit/core => ../../core
