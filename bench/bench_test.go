package bench

import "testing"

// benchFramework runs every scenario through every implementation of one
// framework, named so that benchstat can compare them:
// BenchmarkGin/scenario=actual-allowed/impl=corskit.
func benchFramework(b *testing.B, name string) {
	f, ok := FrameworkByName(name)
	if !ok {
		b.Fatalf("no framework %s", name)
	}
	for _, s := range Scenarios {
		b.Run("scenario="+s.Name, func(b *testing.B) {
			for _, impl := range f.Impls {
				b.Run("impl="+impl.Name, func(b *testing.B) {
					ran := new(int)
					srv := impl.New(ran)
					srv.Prepare(s)
					srv.Serve() // warm pools and lazily built state
					b.ReportAllocs()
					b.ResetTimer()
					for i := 0; i < b.N; i++ {
						srv.Serve()
					}
				})
			}
		})
	}
}

func BenchmarkGin(b *testing.B)   { benchFramework(b, "Gin") }
func BenchmarkEcho(b *testing.B)  { benchFramework(b, "Echo") }
func BenchmarkEcho5(b *testing.B) { benchFramework(b, "Echo5") }
func BenchmarkFiber(b *testing.B) { benchFramework(b, "Fiber") }
func BenchmarkChi(b *testing.B)   { benchFramework(b, "Chi") }
func BenchmarkHttp(b *testing.B)  { benchFramework(b, "Http") }

// BenchmarkFiber3 is fiber v3 (github.com/gofiber/fiber/v3).
func BenchmarkFiber3(b *testing.B) { benchFramework(b, "Fiber3") }
