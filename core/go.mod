module github.com/corskit/corskit/core

go 1.26.0

require golang.org/x/net v0.63.0
