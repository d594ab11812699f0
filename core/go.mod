module github.com/corskit/corskit/core

go 1.23.0

require golang.org/x/net v0.38.0
