package app

import (
	"context"
)

// pageSize is how many rows one page query loads.
const pageSize = 100

// maxPages bounds the pages kept in memory (a few screens around the
// visible rows): a 50 000-case list never sits in memory whole.
const maxPages = 12

// pager holds the loaded pages of a long list and loads the missing ones
// on the worker when the table asks for them. It lives on the UI
// goroutine: every field is touched there only.
type pager[T any] struct {
	w        *worker
	gen      int
	total    int
	pages    map[int][]T
	loading  map[int]bool
	fetch    func(ctx context.Context, offset, limit int) ([]T, error)
	onLoaded func()      // a page arrived: refresh the table
	onError  func(error) // a page failed: shown once until the next reset
}

func newPager[T any](w *worker, onLoaded func(), onError func(error)) *pager[T] {
	return &pager[T]{w: w, pages: map[int][]T{}, loading: map[int]bool{}, onLoaded: onLoaded, onError: onError}
}

// reset starts a new list: its total, its first page and how to fetch the
// others. Pages still loading for the previous list are dropped.
func (p *pager[T]) reset(total int, first []T, fetch func(ctx context.Context, offset, limit int) ([]T, error)) {
	p.gen++
	p.total = total
	p.pages = map[int][]T{0: first}
	p.loading = map[int]bool{}
	p.fetch = fetch
}

// resetAt is reset with the page pg loaded instead of the first (a list
// reloaded around its selection).
func (p *pager[T]) resetAt(total, pg int, rows []T, fetch func(ctx context.Context, offset, limit int) ([]T, error)) {
	p.reset(total, rows, fetch)
	if pg != 0 {
		p.pages = map[int][]T{pg: rows}
	}
}

// len is the number of rows of the whole list.
func (p *pager[T]) len() int { return p.total }

// row returns row i if its page is loaded; otherwise it asks for the page
// and returns false (the table shows the row empty until it arrives).
func (p *pager[T]) row(i int) (T, bool) {
	var zero T
	if i < 0 || i >= p.total {
		return zero, false
	}
	pg := i / pageSize
	rows, ok := p.pages[pg]
	if !ok {
		p.request(pg)
		return zero, false
	}
	if j := i % pageSize; j < len(rows) {
		return rows[j], true
	}
	return zero, false
}

// loaded reports how many rows are in memory.
func (p *pager[T]) loaded() int {
	n := 0
	for _, rows := range p.pages {
		n += len(rows)
	}
	return n
}

func (p *pager[T]) request(pg int) {
	if p.loading[pg] || p.fetch == nil {
		return
	}
	p.loading[pg] = true
	gen, fetch := p.gen, p.fetch
	p.w.do(func(ctx context.Context) func() {
		rows, err := fetch(ctx, pg*pageSize, pageSize)
		return func() {
			if gen != p.gen {
				return
			}
			if err != nil {
				// keep loading[pg] set: no retry storm until the next reset
				p.onError(err)
				return
			}
			delete(p.loading, pg)
			p.pages[pg] = rows
			p.evict(pg)
			p.onLoaded()
		}
	})
}

// evict drops the pages farthest from the one just loaded.
func (p *pager[T]) evict(near int) {
	for len(p.pages) > maxPages {
		far, dist := -1, -1
		for k := range p.pages {
			d := k - near
			if d < 0 {
				d = -d
			}
			if d > dist {
				far, dist = k, d
			}
		}
		delete(p.pages, far)
	}
}
