package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/vocmap/vocmap/pipelines/export"
	"github.com/vocmap/vocmap/web/account"
)

// usersCmd manages the workbench's accounts, kept beside the warehouse
// in WAREHOUSE.users.json (web/account): `vocmap serve` on the same
// --warehouse signs them in.
func (a *app) usersCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "users",
		Short: "工作台账户 / the workbench's accounts",
		Long: `管理 vocmap serve（规划工作台）的账户。账户存放在仓库文件旁的 仓库.users.json 中
（不在仓库里，运行写仓库时也能登录），密码只保存 argon2id 散列。
角色：viewer 只读；planner 还可运行情景和招生计划；admin 还可管理账户。

Manages the accounts of vocmap serve (the planners' workbench). They live
beside the warehouse file in WAREHOUSE.users.json (not in the warehouse,
so signing in works while a run writes it); only argon2id hashes of the
passwords are kept. Roles: viewer reads; planner also runs scenarios and
plans; admin also manages accounts.`,
	}
	cmd.AddCommand(a.usersAddCmd(), a.usersListCmd(), a.usersRemoveCmd(), a.usersPasswdCmd())
	return cmd
}

func (a *app) usersAddCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "add NAME --role viewer|planner|admin [--password-stdin]",
		Short: "新建账户 / add an account",
		Long: `新建账户。不带 --password-stdin 时生成一个 20 位随机密码并只打印这一次；
带 --password-stdin 时从标准输入读一行作为密码（去掉行尾换行），至少 8 个字符。

Adds an account. Without --password-stdin a random 20-character password
is made and printed once; with it, one line of stdin is the password (its
newline dropped), at least 8 characters.`,
		Example: `  vocmap --warehouse vocmap.duckdb users add zhangsan --role planner
  printf '%s\n' "$PW" | vocmap --warehouse vocmap.duckdb users add ops --role admin --password-stdin`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			roleName, _ := cmd.Flags().GetString("role")
			role, err := account.ParseRole(roleName)
			if err != nil {
				return &usageError{errors.New(a.msg("users_role", roleName))}
			}
			pw, generated, err := a.password(cmd)
			if err != nil {
				return err
			}
			s := account.Open(a.cfg.Warehouse)
			if err := a.accountError(s.Add(args[0], role, pw), args[0]); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, a.msg("users_added", args[0], string(role), s.Path))
			if generated {
				fmt.Fprintln(a.stdout, a.msg("users_password", pw))
			}
			return nil
		},
	}
	cmd.Flags().String("role", "", "角色 viewer|planner|admin / role")
	_ = cmd.MarkFlagRequired("role")
	cmd.Flags().Bool("password-stdin", false, "从标准输入读一行作为密码 / read the password from one line of stdin")
	return cmd
}

func (a *app) usersPasswdCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "passwd NAME [--password-stdin]",
		Short: "更改密码 / change a password",
		Long: `更改账户的密码。不带 --password-stdin 时生成随机密码并打印一次。
Changes an account's password; without --password-stdin a random one is made and printed once.`,
		Example: `  printf '%s\n' "$PW" | vocmap --warehouse vocmap.duckdb users passwd zhangsan --password-stdin`,
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			pw, generated, err := a.password(cmd)
			if err != nil {
				return err
			}
			s := account.Open(a.cfg.Warehouse)
			if err := a.accountError(s.SetPassword(args[0], pw), args[0]); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, a.msg("users_passwd", args[0]))
			if generated {
				fmt.Fprintln(a.stdout, a.msg("users_password", pw))
			}
			return nil
		},
	}
	cmd.Flags().Bool("password-stdin", false, "从标准输入读一行作为密码 / read the password from one line of stdin")
	return cmd
}

func (a *app) usersRemoveCmd() *cobra.Command {
	return &cobra.Command{
		Use:     "remove NAME",
		Short:   "删除账户 / remove an account",
		Example: "  vocmap --warehouse vocmap.duckdb users remove zhangsan",
		Args:    exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			s := account.Open(a.cfg.Warehouse)
			if err := a.accountError(s.Remove(args[0]), args[0]); err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, a.msg("users_removed", args[0]))
			return nil
		},
	}
}

func (a *app) usersListCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "list [--format table|csv|json]",
		Short:   "列出账户（不含密码）/ list the accounts (no passwords)",
		Example: "  vocmap --warehouse vocmap.duckdb users list",
		Args:    noArgs,
	}
	lf := formatFlag(cmd)
	cmd.RunE = func(cmd *cobra.Command, _ []string) error {
		format, err := lf()
		if err != nil {
			return err
		}
		us, err := account.Open(a.cfg.Warehouse).List()
		if err != nil {
			return err
		}
		r := export.Result{Columns: []string{"name", "role", "created", "changed"}}
		for _, u := range us {
			r.Rows = append(r.Rows, []any{u.Name, string(u.Role), u.Created.Format("2006-01-02 15:04:05Z"), u.Changed.Format("2006-01-02 15:04:05Z")})
		}
		return writeResult(a.stdout, r, format)
	}
	return cmd
}

// password returns the password to set: one line of stdin with
// --password-stdin, else a new random one (generated = true).
func (a *app) password(cmd *cobra.Command) (pw string, generated bool, err error) {
	if fromStdin, _ := cmd.Flags().GetBool("password-stdin"); !fromStdin {
		pw, err = account.NewPassword()
		return pw, true, err
	}
	line, err := bufio.NewReader(io.LimitReader(a.stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", false, err
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return "", false, &usageError{errors.New(a.msg("users_no_password"))}
	}
	return line, false, nil
}

// accountError turns the store's errors into the user's language (exit 2
// for a mistake in the request).
func (a *app) accountError(err error, name string) error {
	var ie *account.InputError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, account.ErrExists):
		return &usageError{errors.New(a.msg("users_exists", name))}
	case errors.Is(err, account.ErrNoUser):
		return &usageError{errors.New(a.msg("users_none", name))}
	case errors.As(err, &ie) && ie.Field == "name":
		return &usageError{errors.New(a.msg("users_bad_name", name))}
	case errors.As(err, &ie) && ie.Field == "password":
		return &usageError{errors.New(a.msg("users_bad_password", account.MinPasswordLen))}
	}
	return err
}
