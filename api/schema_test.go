package api

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// spec is the parsed OpenAPI description, with a validator for the subset
// of JSON Schema it uses: type, nullable, properties, required,
// additionalProperties, items, enum, pattern, minimum, maximum,
// maxLength and $ref to #/components/....
type spec struct {
	doc map[string]any
}

func loadSpec(t *testing.T) *spec {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(openAPISpec, &doc); err != nil {
		t.Fatalf("openapi.json: %v", err)
	}
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.") {
		t.Fatalf("openapi version %q, want 3.x", v)
	}
	return &spec{doc: doc}
}

// resolve follows a local $ref.
func (s *spec) resolve(ref string) (map[string]any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("unsupported $ref %q", ref)
	}
	var cur any = s.doc
	for _, part := range strings.Split(ref[2:], "/") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("$ref %q: %q is not an object", ref, part)
		}
		if cur, ok = m[part]; !ok {
			return nil, fmt.Errorf("$ref %q: no %q", ref, part)
		}
	}
	m, ok := cur.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("$ref %q is not an object", ref)
	}
	return m, nil
}

func (s *spec) deref(m map[string]any) (map[string]any, error) {
	for i := 0; i < 10; i++ {
		ref, ok := m["$ref"].(string)
		if !ok {
			return m, nil
		}
		var err error
		if m, err = s.resolve(ref); err != nil {
			return nil, err
		}
	}
	return nil, fmt.Errorf("$ref chain too long")
}

// responseSchema returns the JSON schema of the answer to method path
// (a spec path template) with status, or an error naming what is missing.
func (s *spec) responseSchema(method, path string, status int) (map[string]any, error) {
	paths, _ := s.doc["paths"].(map[string]any)
	item, ok := paths[path].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("spec has no path %s", path)
	}
	op, ok := item[strings.ToLower(method)].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("spec has no %s %s", method, path)
	}
	responses, _ := op["responses"].(map[string]any)
	resp, ok := responses[fmt.Sprint(status)].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("spec has no status %d for %s %s", status, method, path)
	}
	resp, err := s.deref(resp)
	if err != nil {
		return nil, err
	}
	content, _ := resp["content"].(map[string]any)
	media, ok := content["application/json"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("spec has no application/json answer for %d of %s %s", status, method, path)
	}
	schema, ok := media["schema"].(map[string]any)
	if !ok {
		return nil, fmt.Errorf("no schema for %d of %s %s", status, method, path)
	}
	return schema, nil
}

// validate checks v (decoded JSON) against schema; at names the place in
// the document for messages.
func (s *spec) validate(schema map[string]any, v any, at string) error {
	schema, err := s.deref(schema)
	if err != nil {
		return err
	}
	if v == nil {
		if nullable, _ := schema["nullable"].(bool); nullable {
			return nil
		}
		if _, typed := schema["type"]; typed {
			return fmt.Errorf("%s: null where %v is required", at, schema["type"])
		}
		return nil
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, v) {
		return fmt.Errorf("%s: %v is not one of %v", at, v, enum)
	}
	switch typ, _ := schema["type"].(string); typ {
	case "":
	case "string":
		str, ok := v.(string)
		if !ok {
			return fmt.Errorf("%s: %T, want string", at, v)
		}
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(str) {
			return fmt.Errorf("%s: %q does not match %s", at, str, p)
		}
		if n, ok := schema["maxLength"].(float64); ok && float64(len([]rune(str))) > n {
			return fmt.Errorf("%s: longer than %v", at, n)
		}
	case "integer", "number":
		f, ok := v.(float64)
		if !ok {
			return fmt.Errorf("%s: %T, want %s", at, v, typ)
		}
		if typ == "integer" && f != math.Trunc(f) {
			return fmt.Errorf("%s: %v is not an integer", at, f)
		}
		if m, ok := schema["minimum"].(float64); ok && f < m {
			return fmt.Errorf("%s: %v below %v", at, f, m)
		}
		if m, ok := schema["maximum"].(float64); ok && f > m {
			return fmt.Errorf("%s: %v above %v", at, f, m)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("%s: %T, want boolean", at, v)
		}
	case "array":
		arr, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s: %T, want array", at, v)
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, e := range arr {
				if err := s.validate(items, e, fmt.Sprintf("%s[%d]", at, i)); err != nil {
					return err
				}
			}
		}
	case "object":
		obj, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s: %T, want object", at, v)
		}
		req, _ := schema["required"].([]any)
		for _, r := range req {
			if _, ok := obj[r.(string)]; !ok {
				return fmt.Errorf("%s: missing required %q", at, r)
			}
		}
		props, _ := schema["properties"].(map[string]any)
		for k, val := range obj {
			if p, ok := props[k].(map[string]any); ok {
				if err := s.validate(p, val, at+"."+k); err != nil {
					return err
				}
				continue
			}
			switch extra := schema["additionalProperties"].(type) {
			case bool:
				if !extra {
					return fmt.Errorf("%s: property %q is not in the schema", at, k)
				}
			case map[string]any:
				if err := s.validate(extra, val, at+"."+k); err != nil {
					return err
				}
			}
		}
	default:
		return fmt.Errorf("%s: schema type %q is not supported by the test validator", at, typ)
	}
	return nil
}

// checkAnswer fails t unless body is JSON matching the schema of the
// answer to method template with status.
func (s *spec) checkAnswer(t *testing.T, method, template string, status int, body []byte) {
	t.Helper()
	schema, err := s.responseSchema(method, template, status)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("answer is not JSON: %v", err)
	}
	if err := s.validate(schema, v, "$"); err != nil {
		t.Errorf("answer does not match the spec: %v\n%.500s", err, body)
	}
}

// checkLines fails t unless body is want lines of JSON, each matching the
// schema ref.
func (s *spec) checkLines(t *testing.T, body []byte, ref string, want int) {
	t.Helper()
	rec, err := s.resolve(ref)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(body), "\n"), "\n")
	if len(lines) != want {
		t.Fatalf("%d lines, want %d", len(lines), want)
	}
	for i, line := range lines {
		var v any
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		if err := s.validate(rec, v, fmt.Sprintf("line %d", i+1)); err != nil {
			t.Error(err)
		}
	}
}

func TestSchemaValidator(t *testing.T) {
	s := &spec{doc: map[string]any{}}
	schema := func(js string) map[string]any {
		var m map[string]any
		if err := json.Unmarshal([]byte(js), &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	obj := `{"type":"object","required":["a"],"additionalProperties":false,"properties":{"a":{"type":"integer","minimum":1},"b":{"type":"string","nullable":true,"enum":["x",null]}}}`
	tests := []struct {
		name, schema, in string
		ok               bool
	}{
		{"valid", obj, `{"a":2,"b":"x"}`, true},
		{"null allowed", obj, `{"a":2,"b":null}`, true},
		{"missing required", obj, `{"b":"x"}`, false},
		{"extra property", obj, `{"a":2,"c":1}`, false},
		{"below minimum", obj, `{"a":0}`, false},
		{"not integer", obj, `{"a":1.5}`, false},
		{"not in enum", obj, `{"a":1,"b":"y"}`, false},
		{"array items", `{"type":"array","items":{"type":"string"}}`, `["a",1]`, false},
		{"pattern", `{"type":"string","pattern":"^[a-f]+$"}`, `"abz"`, false},
		{"null not allowed", `{"type":"string"}`, `null`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v any
			if err := json.Unmarshal([]byte(tt.in), &v); err != nil {
				t.Fatal(err)
			}
			err := s.validate(schema(tt.schema), v, "$")
			if (err == nil) != tt.ok {
				t.Errorf("validate(%s) = %v, want ok %v", tt.in, err, tt.ok)
			}
		})
	}
}
