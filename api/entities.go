package api

import (
	"context"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/kronika/kronika/index"
	"github.com/kronika/kronika/news"
)

// entitiesResponse is the answer of GET /api/v1/entities.
type entitiesResponse struct {
	Type     string         `json:"type"`
	Prefix   string         `json:"prefix"`
	Entities []index.Entity `json:"entities"`
}

// entityParams are the query parameters of GET /api/v1/entities.
var entityParams = []string{"type", "prefix", "size"}

// entities answers GET /api/v1/entities?type=person&prefix=Lab: names
// whose words start with the prefix, with document counts.
func (s *Server) entities(c *gin.Context) {
	q := c.Request.URL.Query()
	if err := checkParams(q, entityParams, nil); err != nil {
		s.fail(c, err)
		return
	}
	size, err := countParam(q, "size", index.MaxSuggestions)
	if err != nil {
		s.fail(c, err)
		return
	}
	typ, prefix := q.Get("type"), q.Get("prefix")
	found, err := bounded(c.Request.Context(), "autocomplete", func(ctx context.Context) ([]index.Entity, error) {
		return s.ix.Entities(ctx, typ, prefix, size)
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, entitiesResponse{Type: typ, Prefix: prefix, Entities: found})
}

// entity answers GET /api/v1/entities/{type}/{name}: the entity page with
// its visits. The name may contain slashes (some institutions' names do).
func (s *Server) entity(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("name"), "/")
	if name == "" {
		s.fail(c, news.Errorf(news.EInvalid, "give the entity's name after its type, e.g. /api/v1/entities/person/Hugues%%20Labar"))
		return
	}
	// The search may outlive the handler (bounded): it gets values, not c.
	typ := c.Param("type")
	page, err := bounded(c.Request.Context(), "entity page", func(ctx context.Context) (*entityAnswer, error) {
		return s.entityWithVisits(ctx, typ, name)
	})
	if err != nil {
		s.fail(c, err)
		return
	}
	c.JSON(http.StatusOK, page)
}
