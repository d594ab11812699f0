module example.com/corskit-consumer

go 1.21
