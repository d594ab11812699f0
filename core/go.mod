module github.com/corskit/corskit/core

go 1.21
