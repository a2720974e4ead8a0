@users @today
Feature: Users of today's pages: listing, bulk delete, get, delete and registration errors
  The user calls SDK test suites use for set-up and tear-down (catalogue part pub, U rows;
  pages account_*.md of easemob/easemob-doc). Listing and the bulk delete work on the app's
  oldest users, whoever created them: those scenarios are tagged @needs-empty-app, and a live
  run skips them unless told the app holds nothing else (--empty-app).

  @U-01 @U-03 @needs-empty-app
  Scenario: The users come oldest first, a page at a time, with the user's fields
    Needs an empty app: the app's oldest users must be its own alice and bob.

    Given the app has users "alice, bob and carol"
    When I list the app's users 2 at a time
    Then the response status is 200
    And the JSON at "action" is "get"
    And the JSON at "path" is "/users"
    And the JSON at "count" is 2
    And the JSON at "entities" has 2 items
    And the JSON at "entities.0.username" is "alice"
    And the JSON at "entities.1.username" is "bob"
    And the JSON at "entities.0.type" is "user"
    And the JSON at "entities.0.activated" is true
    And the JSON at "entities.0.uuid" exists
    And the JSON at "entities.0.created" is a number
    And the JSON at "entities.0.modified" is a number
    And the JSON at "cursor" exists

  @U-02 @doc-conflict @needs-empty-app
  Scenario: The cursor gives the next page, and the last page has no cursor
    The page's "Response example 2" (a last page) still shows a cursor; the text says no
    cursor means the last page, and the mock follows the text. Needs an empty app: the last
    page must hold its own carol alone.

    Given the app has users "alice, bob and carol"
    When I list the app's users 2 at a time
    And I ask for the next page of users
    Then the response status is 200
    And the JSON at "count" is 1
    And the JSON at "entities.0.username" is "carol"
    And there is no JSON at "cursor"

  @U-01
  Scenario: A limit below 1 breaks the contract
    Given the app has users "alice"
    When I list the app's users 0 at a time
    Then the response status is 400
    And the response error is "illegal_argument"
    And the error description contains "limit"

  @U-04 @needs-empty-app
  Scenario: The bulk delete deletes the oldest users, not chosen ones, and gives a cursor while users remain
    Needs an empty app: the bulk delete deletes the app's oldest users, whoever created them.

    Given the app has users "alice, bob and carol"
    When I delete the app's 2 oldest users
    Then the response status is 200
    And the JSON at "action" is "delete"
    And the JSON at "path" is "/users"
    And the JSON at "entities" has 2 items
    And the JSON at "entities.0.username" is "alice"
    And the JSON at "entities.1.username" is "bob"
    And the JSON at "cursor" exists
    When I list the app's users
    Then the JSON at "count" is 1
    And the JSON at "entities.0.username" is "carol"

  @U-05 @doc-conflict @needs-empty-app
  Scenario: Deleting users in bulk dissolves the groups they own, not those they administer
    account_system.md@doc-v2 also deletes the groups a deleted admin administers; the current
    page names owners only, and the mock follows it. Needs an empty app: the bulk delete
    deletes the app's oldest users, whoever created them.

    Given the app has users "alice, bob and carol"
    And a group owned by carol with members alice and bob
    And another group "owned" owned by alice with members bob and carol
    When I make alice an admin of the group
    Then the response status is 200
    When I delete the app's 1 oldest user
    Then the response status is 200
    And the JSON at "entities.0.username" is "alice"
    And bob is in 1 group according to their joined list
    And bob is in the group according to their joined list
    When I ask for the group's details
    Then the response status is 200
    And the JSON at "data.0.owner" is "carol"

  @U-08
  Scenario: Get one user, and a user who does not exist
    Given the app has users "alice"
    And "ghost" is not a user of the app
    When I ask for the user alice
    Then the response status is 200
    And the JSON at "action" is "get"
    And the JSON at "path" is "/users"
    And the JSON at "entities" has 1 item
    And the JSON at "entities.0.username" is "alice"
    And the JSON at "count" is 1
    And there is no JSON at "data"
    When I ask for the user ghost
    Then the response status is 404
    And the response error is "service_resource_not_found"
    And the error description is "Service resource not found"

  @U-09
  Scenario: Deleting a user answers the user and dissolves the groups and chatrooms they own
    Given the app has users "alice and bob"
    And a group owned by alice with members bob
    And a chatroom owned by alice with members bob
    When I delete the user alice
    Then the response status is 200
    And the JSON at "action" is "delete"
    And the JSON at "path" is "/users"
    And the JSON at "entities.0.username" is "alice"
    And the app has no user alice
    When I ask for the group's details
    Then the response status is 404
    When I ask for the room's details
    Then the response status is 404

  @U-10 @doc-conflict
  Scenario: Deleting a user who does not exist answers 404
    The page lists both 400 management "User with id null does not exist in app XXX" and 404
    service_resource_not_found for this case; the mock answers 404, as getting one does.

    Given "ghost" is not a user of the app
    When I delete the user ghost
    Then the response status is 404
    And the response error is "service_resource_not_found"
    And the error description is "Service resource not found"

  @U-11
  Scenario: Registering several users answers them as entities with an empty data
    Given "dave" is not a user of the app
    And "erin" is not a user of the app
    When I register dave and erin in one call
    Then the response status is 200
    And the JSON at "action" is "post"
    And the JSON at "path" is "/users"
    And the JSON at "entities" has 2 items
    And the JSON at "entities.1.username" is "erin"
    And the JSON at "entities.1.activated" is true
    And the JSON at "data" has 0 items
    And the user erin exists
    When I delete the user dave
    Then the response status is 200
    When I delete the user erin
    Then the response status is 200

  @U-11
  Scenario: More than 60 users in one registration breaks the contract
    When I register f1 to f61 in one call
    Then the response status is 400
    And the response error is "illegal_argument"
    And the error description is "Request body array size[61] had almost reached or been greater than the upper range value[60]"
    And the app has no user f1

  @U-11
  Scenario: 60 users in one registration are registered
    Given the app has users "fan1 to fan60"
    When I ask for the user fan60
    Then the response status is 200
    And the JSON at "entities.0.username" is "fan60"

  @U-12
  Scenario: A username with characters outside a-z, 0-9, _, - and . is refused
    When I register the user "no spaces"
    Then the response status is 400
    And the response error is "illegal_argument"
    And the error description is "username [no spaces] is not legal"
    When I register "ok_one" and "bad/one" in one call
    Then the response status is 400
    And the error description is "username [bad/one] is not legal"
    And the app has no user "ok_one"

  @U-12
  Scenario: A username over 64 bytes is refused with USERNAME_TOO_LONG; 64 are taken
    When I register the user "u234567890123456789012345678901234567890123456789012345678901234x"
    Then the response status is 400
    And the response error is "illegal_argument"
    And the error description is "USERNAME_TOO_LONG"
    When I register the user "u234567890123456789012345678901234567890123456789012345678901234"
    Then the response status is 200
    And the JSON at "entities.0.username" is "u234567890123456789012345678901234567890123456789012345678901234"
    When I delete the user "u234567890123456789012345678901234567890123456789012345678901234"
    Then the response status is 200

  @U-12
  Scenario: A registration without a username is refused with the service's words
    When I register a user without a username
    Then the response status is 400
    And the response error is "illegal_argument"
    And the error description is "Entity user requires a property named username"

  @U-13 @doc-conflict
  Scenario: A username with upper case is registered in lower case and found either way
    The current pages say the returned ID is lower case; account_system.md@doc-v2 allows A-Z
    and calls IDs case-insensitive. Both mean one user for Carol and carol.

    Given "Carol" is not a user of the app
    When I register the user Carol
    Then the response status is 200
    And the JSON at "entities.0.username" contains "carol"
    And the JSON at "entities.0.username" does not contain "Carol"
    When I ask for the user Carol
    Then the response status is 200
    And the JSON at "entities.0.username" contains "carol"
    When I delete the user Carol
    Then the response status is 200

  @U-14
  Scenario: A registration without a password is refused with the service's words
    Given "dave" is not a user of the app
    When I register the user dave without a password
    Then the response status is 400
    And the response error is "illegal_argument"
    And the error description is "password or pin must provided"
    And the app has no user dave

  @U-14
  Scenario: A nickname over 100 characters is refused with NICKNAME_TOO_LONG; 100 are taken
    Given "dave" is not a user of the app
    When I register the user dave with a nickname of 101 characters
    Then the response status is 400
    And the response error is "illegal_argument"
    And the error description is "NICKNAME_TOO_LONG"
    And the app has no user dave
    When I register the user dave with a nickname of 100 characters
    Then the response status is 200
    And the JSON at "entities.0.username" is "dave"
    When I delete the user dave
    Then the response status is 200

  @U-15
  Scenario: Registering a username that exists is refused
    Given the app has users "alice"
    When I register the user alice
    Then the response status is 400
    And the response error is "duplicate_unique_property_exists"
    And the error description contains "Entity user requires that property named username be unique, value of {alice} exists"

  @U-15 @mock-only
  Scenario: The same username twice in a batch with different passwords is refused
    Mock only: cassettes redact passwords, so a replay could not send two different ones.

    Given "dave" is not a user of the app
    When I register dave twice in one call with different passwords
    Then the response status is 400
    And the response error is "duplicate_unique_property_exists"
    And the error description contains "the same user {dave} has a different password"
    And the app has no user dave

  @U-16 @doc-conflict
  Scenario: A batch with a user that exists registers the others and reports the existing one
    error.md says the other IDs are not registered either; the batch page answers 200 with
    the existing user in data and registers the others, and the mock follows the batch page.

    Given the app has users "alice"
    And "dave" is not a user of the app
    When I register dave and alice in one call
    Then the response status is 200
    And the JSON at "entities" has 1 item
    And the JSON at "entities.0.username" is "dave"
    And the JSON at "data.0.username" is "alice"
    And the JSON at "data.0.registerUserFailReason" is "the {alice} already exists"
    And the user dave exists
    When I delete the user dave
    Then the response status is 200

  @U-17 @doc-conflict
  Scenario: Registering without the app token, or with one the service did not issue, answers 401 unauthorized
    error.md words the no-token case "registration is not open, please contact the app admin";
    the register pages give "Open registration doesn't allow, so register user need token", and
    the mock follows them. The mock runs in authorized registration mode.

    Given "dave" is not a user of the app
    When I register the user dave without a token
    Then the response status is 401
    And the response has the service's error shape
    And the response error is "unauthorized"
    And the error description is "Open registration doesn't allow, so register user need token"
    When I register the user dave with a token that was never issued
    Then the response status is 401
    And the response error is "unauthorized"
    And the error description is "token is illegal."
    And the app has no user dave

  @U-06
  Scenario: Listing or bulk-deleting the users of an app that does not exist answers 404
    Given the app has users "alice"
    When I list the users of the app "nosuchapp"
    Then the response status is 404
    And the response has the service's error shape
    And the response error is "organization_application_not_found"
    And the error description contains "Could not find application for "
    And the error description contains "nosuchapp"
    When I bulk-delete the users of the app "nosuchapp"
    Then the response status is 404
    And the response error is "organization_application_not_found"
    And the user alice exists

  @U-18 @mock-only
  Scenario: Past the free plan's cap on registered users, registration answers 429 resource_limited
    The mock caps an app only when told to (the free plan's cap is 100; here 2, to keep it short).

    Given the app has users "alice and bob"
    And "dave" is not a user of the app
    And the mock caps the app at 2 registered users
    When I register the user dave
    Then the response status is 429
    And the response has the service's error shape
    And the response error is "resource_limited"
    And the error description is "You have exceeded the limit of the community edition,Please upgrade to the enterprise edition"
    And the app has no user dave
