package steps

import (
	"context"
	"fmt"
	"net/http"

	"github.com/cucumber/godog"
)

// Steps for chatroom super admins (R-SUP-*): the users allowed to create chatrooms from a
// client. Every super admin a scenario makes is tracked so a live run revokes it afterwards.

func registerSuperAdminSteps(sc *godog.ScenarioContext) {
	sc.Step(`^(\w+) is a super admin$`, givenSuperAdmin)
	sc.Step(`^([\w, ]+) are super admins$`, givenSuperAdmins)
	sc.Step(`^I make (\w+) a super admin$`, makeSuperAdmin)
	sc.Step(`^I make ([\w, ]+) super admins in one call$`, makeSuperAdmins)
	sc.Step(`^I revoke (\w+)'s super admin role$`, revokeSuperAdmin)
	sc.Step(`^I list the super admins$`, listSuperAdmins)
	sc.Step(`^I list the super admins with pagenum (\d+) and pagesize (\d+)$`, listSuperAdminsPage)
	sc.Step(`^the super admins (include|do not include) (\w+)$`, superAdminsInclude)
	sc.Step(`^the answer holds (\d+) super admins$`, superAdminsCount)
}

func givenSuperAdmin(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	if _, err := w.MustOK(ctx, http.MethodPost, "/chatrooms/super_admin", map[string]any{"superadmin": w.User(user)}); err != nil {
		return err
	}
	w.Track("superadmin", w.User(user))
	return nil
}

// givenSuperAdmins makes each user a super admin, one call each (the API takes one per call).
func givenSuperAdmins(ctx context.Context, list string) error {
	names, err := userNames(list)
	if err != nil {
		return err
	}
	for _, n := range names {
		if err := givenSuperAdmin(ctx, n); err != nil {
			return err
		}
	}
	return nil
}

func makeSuperAdmin(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	resp, err := w.Do(ctx, http.MethodPost, "/chatrooms/super_admin", map[string]any{"superadmin": w.User(user)})
	if err == nil && resp.Status == http.StatusOK {
		w.Track("superadmin", w.User(user))
	}
	return err
}

func makeSuperAdmins(ctx context.Context, list string) error {
	w := WorldFrom(ctx)
	names, err := realNamesOf(w, list)
	if err != nil {
		return err
	}
	_, err = w.Do(ctx, http.MethodPost, "/chatrooms/super_admin", map[string]any{"superadmin": names},
		BreaksSpec("superadmin is one user ID per call"))
	return err
}

func revokeSuperAdmin(ctx context.Context, user string) error {
	w := WorldFrom(ctx)
	resp, err := w.Do(ctx, http.MethodDelete, "/chatrooms/super_admin/"+w.User(user), nil)
	if err == nil && resp.Status == http.StatusOK {
		w.Untrack("superadmin", w.User(user))
	}
	return err
}

func listSuperAdmins(ctx context.Context) error {
	return send(ctx, http.MethodGet, "/chatrooms/super_admin", nil)
}

func listSuperAdminsPage(ctx context.Context, pagenum, pagesize int) error {
	return send(ctx, http.MethodGet, fmt.Sprintf("/chatrooms/super_admin?pagenum=%d&pagesize=%d", pagenum, pagesize), nil)
}

func superAdminsInclude(ctx context.Context, how, user string) error {
	w := WorldFrom(ctx)
	if err := expectStatus(w, http.StatusOK); err != nil {
		return err
	}
	ids, err := lastNames(w, "data")
	if err != nil {
		return err
	}
	return userListed(w, "the super admins", ids, user, how == "include")
}

func superAdminsCount(ctx context.Context, n int) error {
	w := WorldFrom(ctx)
	ids, err := lastNames(w, "data")
	if err != nil {
		return err
	}
	if len(ids) != n {
		return fmt.Errorf("%s: want %d super admins, got %d", w.LastRequest(), n, len(ids))
	}
	return nil
}
