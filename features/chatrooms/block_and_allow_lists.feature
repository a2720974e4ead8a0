Feature: Chatroom block list and allow list
  A blocked user can not see the chatroom and must be unblocked before joining it again; the
  owner can never be blocked. Allow-listed users keep speaking while everyone is muted and
  their messages go first. Both lists take one user or up to 60 at once.

  Background:
    Given the app has users "alice, bob, carol, dave"

  # ---- block list (R-BLK-*) -----------------------------------------------------------------

  @R-BLK-01 @R-BLK-02
  Scenario: Block a member; they leave the room and are on the block list
    That a blocked user is out of the member list and of their joined chatrooms is inferred
    from "can not see the room".
    Given a chatroom owned by alice with members bob and carol
    When I block bob from the room
    Then the response status is 200
    And the JSON at "data.result" is true
    And the JSON at "data.action" is "add_blocks"
    And the JSON at "data.user" is "bob"
    And the JSON at "data.chatroomid" is "{room}"
    When I list the room's block list
    Then the response status is 200
    And the room's block list is exactly bob
    And the JSON at "count" is 1
    And bob is not a member of the room
    And bob is not in the room according to their joined list

  @R-BLK-01
  Scenario: A new chatroom has an empty block list
    Given a chatroom owned by alice with members bob
    When I list the room's block list
    Then the response status is 200
    And the room's block list is empty
    And the JSON at "count" is 0

  @R-BLK-03
  Scenario: The owner can not be blocked
    001 states the rule without a status: 403 with the group document's wording for the owner
    ("chatroom" for "group") is the mock's choice.
    Given a chatroom owned by alice with members bob
    When I block alice from the room
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "forbidden operation on chatroom owner!"
    And alice still owns the room
    And the room's block list is empty

  @R-BLK-03
  Scenario: A batch that names the owner is refused as a whole
    001 gives no status: failing the whole batch with 403 "forbidden_op", as the group
    document does (G-BLK-05), is the mock's choice.
    Given a chatroom owned by alice with members bob
    When I block alice and bob from the room in one call
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "forbidden operation on chatroom owner!"
    And the room's block list is empty
    And alice still owns the room
    And bob is a member of the room

  @R-BLK-04
  Scenario: Block several users at once; one who is not in the room is reported
    Given a chatroom owned by alice with members bob and carol
    When I block bob, carol and dave from the room in one call
    Then the response status is 200
    And the JSON at "data" has 3 items
    And the result for bob is true
    And the result for carol is true
    And the result for dave gives the reason "user: {dave} doesn't exist in chatroom: {room}"
    And every result has action "add_blocks" and names the room as "chatroomid"
    And the room's block list is exactly bob and carol

  @R-BLK-04
  Scenario Outline: Blocking <count> users at once is <outcome> (at most 60)
    Given a chatroom owned by alice
    And the app has users "fan1 to fan<count>"
    And fan1 to fan<count> are members of the room
    When I block fan1 to fan<count> from the room in one call
    Then the response status is <status>
    And the room's block list is exactly <blocked>

    Examples:
      | count | outcome  | status | blocked       |
      | 60    | accepted | 200    | fan1 to fan60 |
      | 61    | rejected | 400    | nobody        |

  @R-BLK-05
  Scenario: Unblock one user
    Given a chatroom owned by alice with members bob and carol
    And bob and carol are blocked from the room
    When I unblock bob from the room
    Then the response status is 200
    And the JSON at "data.result" is true
    And the JSON at "data.action" is "remove_blocks"
    And the JSON at "data.user" is "bob"
    And the JSON at "data.chatroomid" is "{room}"
    And the room's block list is exactly carol

  @R-BLK-05
  Scenario: Unblock several users at once
    Given a chatroom owned by alice with members bob and carol
    And bob and carol are blocked from the room
    When I unblock bob and carol from the room in one call
    Then the response status is 200
    And the JSON at "data" has 2 items
    And the result for bob is true
    And the result for carol is true
    And every result has action "remove_blocks" and names the room as "chatroomid"
    And the room's block list is empty

  @R-BLK-05
  Scenario: A blocked user must be unblocked before joining again
    001 gives no status for adding a blocked user: 403 is the mock's choice.
    Given a chatroom owned by alice with members bob
    And bob is blocked from the room
    When I add bob to the room
    Then the response status is 403
    And bob is not a member of the room
    When I unblock bob from the room
    And I add bob to the room
    Then the response status is 200
    And bob is a member of the room

  @R-BLK-05
  Scenario Outline: Unblocking <count> users at once is <outcome> (at most 60)
    Given a chatroom owned by alice
    And the app has users "fan1 to fan<count>"
    And fan1 to fan<count> are members of the room
    And fan1 to fan60 are blocked from the room
    When I unblock fan1 to fan<count> from the room in one call
    Then the response status is <status>
    And the room's block list is exactly <blocked>

    Examples:
      | count | outcome  | status | blocked       |
      | 60    | accepted | 200    | nobody        |
      | 61    | rejected | 400    | fan1 to fan60 |

  @R-BLK-01 @R-BLK-02 @R-BLK-05
  Scenario: Block list calls on a chatroom that does not exist
    Given a chatroom that does not exist
    When I list the room's block list
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"
    When I block bob from the room
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"
    When I unblock bob from the room
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"

  # ---- allow list (R-WHITE-*) ---------------------------------------------------------------

  @R-WHITE-01 @R-WHITE-02
  Scenario: Put one member on the allow list
    Given a chatroom owned by alice with members bob and carol
    When I add bob to the room's allow list
    Then the response status is 200
    And the JSON at "data.result" is true
    And the JSON at "data.action" is "add_user_whitelist"
    And the JSON at "data.user" is "bob"
    And the JSON at "data.chatroomid" is "{room}"
    When I list the room's allow list
    Then the response status is 200
    And the room's allow list is exactly bob
    And the JSON at "count" is 1

  @R-WHITE-01
  Scenario: A new chatroom has an empty allow list
    Given a chatroom owned by alice with members bob
    When I list the room's allow list
    Then the response status is 200
    And the room's allow list is empty
    And the JSON at "count" is 0

  @R-WHITE-03
  Scenario: Put several members on the allow list at once
    Given a chatroom owned by alice with members bob and carol
    When I add bob and carol to the room's allow list in one call
    Then the response status is 200
    And the JSON at "data" has 2 items
    And the result for bob is true
    And the result for carol is true
    And every result has action "add_user_whitelist" and names the room as "chatroomid"
    And the room's allow list is exactly bob and carol

  @R-WHITE-03
  Scenario Outline: Allow-listing <count> users at once is <outcome> (at most 60)
    Given a chatroom owned by alice
    And the app has users "fan1 to fan<count>"
    And fan1 to fan<count> are members of the room
    When I add fan1 to fan<count> to the room's allow list in one call
    Then the response status is <status>
    And the room's allow list is exactly <allowed>

    Examples:
      | count | outcome  | status | allowed       |
      | 60    | accepted | 200    | fan1 to fan60 |
      | 61    | rejected | 400    | nobody        |

  @R-WHITE-04
  Scenario: Take several users off the allow list at once
    Given a chatroom owned by alice with members bob, carol and dave
    And bob, carol and dave are on the room's allow list
    When I remove bob and carol from the room's allow list
    Then the response status is 200
    And the JSON at "data" has 2 items
    And the result for bob is true
    And the result for carol is true
    And every result has action "remove_user_whitelist" and names the room as "chatroomid"
    And the room's allow list is exactly dave

  @R-WHITE-04
  Scenario: Take one user off the allow list
    Given a chatroom owned by alice with members bob and carol
    And bob and carol are on the room's allow list
    When I remove bob from the room's allow list
    Then the response status is 200
    And the result for bob is true
    And the room's allow list is exactly carol

  @R-WHITE-04
  Scenario Outline: Taking <count> users off the allow list at once is <outcome> (at most 60)
    Given a chatroom owned by alice
    And the app has users "fan1 to fan<count>"
    And fan1 to fan<count> are members of the room
    And fan1 to fan60 are on the room's allow list
    When I remove fan1 to fan<count> from the room's allow list
    Then the response status is <status>
    And the room's allow list is exactly <allowed>

    Examples:
      | count | outcome  | status | allowed       |
      | 60    | accepted | 200    | nobody        |
      | 61    | rejected | 400    | fan1 to fan60 |

  @R-WHITE-01 @R-WHITE-02 @R-WHITE-04
  Scenario: Allow list calls on a chatroom that does not exist
    Given a chatroom that does not exist
    When I list the room's allow list
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"
    When I add bob to the room's allow list
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"
    When I remove bob from the room's allow list
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"

  @R-WHITE-02
  Scenario: A user who is not in the room can not be allow-listed
    001 gives no status: 403 "forbidden_op" is the mock's choice.
    Given a chatroom owned by alice with members bob
    When I add carol to the room's allow list
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "user: {carol} doesn't exist in chatroom: {room}"
    And the room's allow list is empty
