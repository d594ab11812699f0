module github.com/corskit/corskit/bench

go 1.25.0

require (
	github.com/corskit/corskit/adapters/chi v0.1.0
	github.com/corskit/corskit/adapters/echo v0.1.0
	github.com/corskit/corskit/adapters/echo5 v0.1.0
	github.com/corskit/corskit/adapters/fiber v0.1.0
	github.com/corskit/corskit/adapters/fiber3 v0.1.0
	github.com/corskit/corskit/adapters/gin v0.1.0
	github.com/corskit/corskit/adapters/http v0.1.0
	github.com/corskit/corskit/core v0.1.0
	github.com/gin-contrib/cors v1.7.6
	github.com/gin-gonic/gin v1.10.1
	github.com/go-chi/chi/v5 v5.2.3
	github.com/go-chi/cors v1.2.2
	github.com/gofiber/fiber/v2 v2.52.5
	github.com/gofiber/fiber/v3 v3.1.0
	github.com/labstack/echo/v4 v4.12.0
	github.com/labstack/echo/v5 v5.4.6
	github.com/rs/cors v1.11.1
	github.com/rs/cors/wrapper/gin v0.0.0-20240515105523-1562b1715b35
	github.com/valyala/fasthttp v1.69.0
)

require (
	github.com/andybalholm/brotli v1.2.0 // indirect
	github.com/bytedance/sonic v1.13.3 // indirect
	github.com/bytedance/sonic/loader v0.2.4 // indirect
	github.com/cloudwego/base64x v0.1.5 // indirect
	github.com/gabriel-vasile/mimetype v1.4.9 // indirect
	github.com/gin-contrib/sse v1.1.0 // indirect
	github.com/go-playground/locales v0.14.1 // indirect
	github.com/go-playground/universal-translator v0.18.1 // indirect
	github.com/go-playground/validator/v10 v10.26.0 // indirect
	github.com/goccy/go-json v0.10.5 // indirect
	github.com/gofiber/schema v1.7.0 // indirect
	github.com/gofiber/utils/v2 v2.0.2 // indirect
	github.com/golang-jwt/jwt v3.2.2+incompatible // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/json-iterator/go v1.1.12 // indirect
	github.com/klauspost/compress v1.18.4 // indirect
	github.com/klauspost/cpuid/v2 v2.2.10 // indirect
	github.com/kr/text v0.2.0 // indirect
	github.com/labstack/gommon v0.4.2 // indirect
	github.com/leodido/go-urn v1.4.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.20 // indirect
	github.com/mattn/go-runewidth v0.0.15 // indirect
	github.com/modern-go/concurrent v0.0.0-20180306012644-bacd9c7ef1dd // indirect
	github.com/modern-go/reflect2 v1.0.2 // indirect
	github.com/pelletier/go-toml/v2 v2.2.4 // indirect
	github.com/philhofer/fwd v1.2.0 // indirect
	github.com/rivo/uniseg v0.2.0 // indirect
	github.com/tinylib/msgp v1.6.3 // indirect
	github.com/twitchyliquid64/golang-asm v0.15.1 // indirect
	github.com/ugorji/go/codec v1.3.0 // indirect
	github.com/valyala/bytebufferpool v1.0.0 // indirect
	github.com/valyala/fasttemplate v1.2.2 // indirect
	golang.org/x/arch v0.18.0 // indirect
	golang.org/x/crypto v0.54.0 // indirect
	golang.org/x/net v0.57.0 // indirect
	golang.org/x/sys v0.47.0 // indirect
	golang.org/x/text v0.40.0 // indirect
	golang.org/x/time v0.15.0 // indirect
	google.golang.org/protobuf v1.36.6 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

replace (
	github.com/corskit/corskit/adapters/chi => ../adapters/chi
	github.com/corskit/corskit/adapters/echo => ../adapters/echo
	github.com/corskit/corskit/adapters/echo5 => ../adapters/echo5
	github.com/corskit/corskit/adapters/fiber => ../adapters/fiber
	github.com/corskit/corskit/adapters/fiber3 => ../adapters/fiber3
	github.com/corskit/corskit/adapters/gin => ../adapters/gin
	github.com/corskit/corskit/adapters/http => ../adapters/http
	github.com/corskit/corskit/core => ../core
)
