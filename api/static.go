package api

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"mime"
	"net/http"
	"path"

	"github.com/gin-gonic/gin"
)

// staticFS holds the web UI's style sheet, script and icon: the pages
// load nothing from elsewhere.
//
//go:embed static
var staticFS embed.FS

// staticFiles are the embedded assets by name, with their ETags, read
// once.
var staticFiles = func() map[string]staticFile {
	out := map[string]staticFile{}
	entries, _ := fs.ReadDir(staticFS, "static")
	for _, e := range entries {
		b, err := staticFS.ReadFile("static/" + e.Name())
		if err != nil {
			continue
		}
		sum := sha256.Sum256(b)
		out[e.Name()] = staticFile{body: b, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, typ: mime.TypeByExtension(path.Ext(e.Name()))}
	}
	return out
}()

// staticFile is one embedded asset.
type staticFile struct {
	body      []byte
	etag, typ string
}

// serveStatic answers GET /static/{file} from the embedded assets. They
// change only with the binary, so browsers revalidate them by ETag.
func serveStatic(c *gin.Context) {
	f, ok := staticFiles[c.Param("file")]
	if !ok {
		c.AbortWithStatus(http.StatusNotFound)
		return
	}
	c.Header("ETag", f.etag)
	c.Header("Cache-Control", "no-cache")
	c.Header("X-Content-Type-Options", "nosniff")
	if c.GetHeader("If-None-Match") == f.etag {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, f.typ, f.body)
}
