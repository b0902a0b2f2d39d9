// Package optimize proposes next year's enrollment plan.
package optimize
