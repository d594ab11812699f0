module github.com/corskit/corskit/adapters/http

go 1.21

require github.com/corskit/corskit/core v0.1.0

replace github.com/corskit/corskit/core => ../../core
