module github.com/corskit/corskit/bench

go 1.21
