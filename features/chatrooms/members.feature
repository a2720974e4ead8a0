Feature: Chatroom members
  The app admin lists a chatroom's members a page at a time, adds members one by one or up to
  60 at once, and removes one or up to 100 at once. The owner is listed as "owner", everyone
  else (admins included) as "member".

  Background:
    Given the app has users "alice, bob, carol, dave"

  # ---- list (R-MEM-01) ----------------------------------------------------------------------

  @R-MEM-01
  Scenario: The member list shows the owner and the members, with a count
    Given a chatroom owned by alice with members bob and carol
    When I list the room's members
    Then the response status is 200
    And the room's owner is alice and its members are bob, carol
    And the JSON at "count" is 3

  @R-MEM-01
  Scenario: Members come a page at a time
    Given a chatroom owned by alice with members bob and carol
    When I list the room's members, page 1 with 2 per page
    Then the response status is 200
    And the JSON at "data" has 2 items
    And the JSON at "count" is 2
    And the query is echoed as pagenum "1" and pagesize "2"
    When I list the room's members, page 2 with 2 per page
    Then the JSON at "data" has 1 items
    And the pages together hold alice, bob and carol

  @R-MEM-01
  Scenario Outline: pagesize <pagesize> for the member list is <outcome>
    Given a chatroom owned by alice
    When I list the room's members, page 1 with <pagesize> per page
    Then the response status is <status>
    And the response <answer>

    Examples:
      | pagesize | outcome  | status | answer                        |
      | 0        | accepted | 200    | is the success envelope       |
      | 1000     | accepted | 200    | is the success envelope       |
      | 1001     | rejected | 400    | has the service's error shape |

  @R-MEM-01
  Scenario: Members of a chatroom that does not exist
    Given a chatroom that does not exist
    When I list the room's members
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"

  # ---- add one (R-MEM-02, R-MEM-03) ---------------------------------------------------------

  @R-MEM-02
  Scenario: Add one member
    Given a chatroom owned by alice
    When I add bob to the room
    Then the response status is 200
    And the JSON at "data.result" is true
    And the JSON at "data.action" is "add_member"
    And the JSON at "data.id" is "{room}"
    And the JSON at "data.user" is "bob"
    And bob is a member of the room
    And bob is in the room according to their joined list

  @R-MEM-03
  Scenario: A user who does not exist can not be added
    Given a chatroom owned by alice
    When I add ghost to the room
    Then the response status is 400
    And the error description is "username {ghost} doesn't exist!"
    And the room's owner is alice and its members are nobody

  @R-MEM-03
  Scenario: A user already in the room can not be added again
    Given a chatroom owned by alice with members bob
    When I add bob to the room
    Then the response status is 400
    And the error description is "user {bob} is already in chatroom {room}"
    And the room's owner is alice and its members are bob

  @R-MEM-02
  Scenario: Adding a member to a chatroom that does not exist
    Given a chatroom that does not exist
    When I add bob to the room
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"

  # ---- add several (R-MEM-04) ---------------------------------------------------------------

  @R-MEM-04
  Scenario: Add several members at once
    Given a chatroom owned by alice
    When I add bob, carol and dave to the room in one call
    Then the response status is 200
    And the JSON at "data.action" is "add_member"
    And the JSON at "data.id" is "{room}"
    And the new members are exactly bob, carol and dave
    And the room's owner is alice and its members are bob, carol, dave

  @R-MEM-04
  Scenario: Users already in the room are left out of the new members
    001 documents no error for the batch add; leaving existing members out of "newmembers"
    follows the group document (G-MEM-06) and is the mock's reading.
    Given a chatroom owned by alice with members bob
    When I add bob and carol to the room in one call
    Then the response status is 200
    And the new members are exactly carol

  @R-MEM-03 @R-MEM-04
  Scenario: A batch of users who are all in the room already is refused
    R-MEM-03's 400 for a user already in the room, when the batch adds nobody (the mock's
    reading; 001 documents no error for the batch add).
    Given a chatroom owned by alice with members bob and carol
    When I add bob and carol to the room in one call
    Then the response status is 400
    And the error description is "users [{bob}, {carol}] are already in chatroom {room}"
    And the room's owner is alice and its members are bob, carol

  @R-MEM-04
  Scenario Outline: <count> users at once is <outcome> (at most 60)
    Given a chatroom owned by alice
    And the app has users "fan1 to fan<count>"
    When I add fan1 to fan<count> to the room in one call
    Then the response status is <status>
    And the room has <members> members besides its owner

    Examples:
      | count | outcome  | status | members |
      | 60    | accepted | 200    | 60      |
      | 61    | rejected | 400    | 0       |

  @R-MEM-04
  Scenario: 60 users added at once are all members afterwards
    Given a chatroom owned by alice
    And the app has users "fan1 to fan60"
    When I add fan1 to fan60 to the room in one call
    Then the response status is 200
    And the JSON at "data.newmembers" has 60 items
    When I list the room's members
    Then the JSON at "count" is 61

  # ---- remove one (R-MEM-05) ----------------------------------------------------------------

  @R-MEM-05
  Scenario: Remove one member
    Given a chatroom owned by alice with members bob and carol
    When I remove bob from the room
    Then the response status is 200
    And the JSON at "data.result" is true
    And the JSON at "data.action" is "remove_member"
    And the JSON at "data.user" is "bob"
    And the JSON at "data.id" is "{room}"
    And bob is not a member of the room
    And bob is not in the room according to their joined list

  @R-MEM-05
  Scenario: Removing a user who is not in the room is an error
    001 says "returns an error" without a status: 400 "forbidden_op" is the mock's choice.
    Given a chatroom owned by alice with members bob
    When I remove carol from the room
    Then the response status is 400
    And the response error is "forbidden_op"
    And the error description is "user: {carol} doesn't exist in chatroom: {room}"
    And the room's owner is alice and its members are bob

  @R-MEM-05
  Scenario: Removing a member from a chatroom that does not exist
    Given a chatroom that does not exist
    When I remove bob from the room
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"

  @R-MEM-05
  Scenario: The owner can not be removed
    Inferred: the owner is not a member. 001 gives no status: 403 "forbidden_op", as for other
    forbidden operations on the owner (G-MEM-10), is the mock's choice.
    Given a chatroom owned by alice with members bob
    When I remove alice from the room
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "forbidden operation on chatroom owner!"
    And alice still owns the room
    And the room's owner is alice and its members are bob

  # ---- remove several (R-MEM-06) ------------------------------------------------------------

  @R-MEM-06
  Scenario: Remove several members at once; one who is not in the room is reported
    Given a chatroom owned by alice with members bob and carol
    When I remove bob, carol and dave from the room in one call
    Then the response status is 200
    And the JSON at "data" has 3 items
    And the result for bob is true
    And the result for carol is true
    And the result for dave gives the reason "user: {dave} doesn't exist in group: {room}"
    And every result has action "remove_member" and names the room as "id"
    And the room's owner is alice and its members are nobody

  @R-MEM-06
  Scenario: Removing several users none of whom is in the room is an error
    001's text says removing a non-member "returns an error"; its example reports a non-member
    per item. The mock reports per item when at least one user is removed, and answers 400
    "forbidden_op" (its choice of status) when none is.
    Given a chatroom owned by alice with members bob
    When I remove carol and dave from the room in one call
    Then the response status is 400
    And the response error is "forbidden_op"
    And the error description is "users [{carol}, {dave}] are not members of chatroom {room}"
    And the room's owner is alice and its members are bob

  @R-MEM-06
  Scenario Outline: Removing <count> members at once is <outcome> (at most 100)
    Given a chatroom owned by alice
    And the app has users "fan1 to fan<count>"
    And fan1 to fan<count> are members of the room
    When I remove fan1 to fan<count> from the room in one call
    Then the response status is <status>
    And the room has <members> members besides its owner

    Examples:
      | count | outcome  | status | members |
      | 100   | accepted | 200    | 0       |
      | 101   | rejected | 400    | 101     |
