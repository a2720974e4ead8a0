Feature: Chatroom admins
  The owner's helpers: the app admin promotes a member to admin, lists the admins and demotes
  an admin back to an ordinary member. A chatroom has at most 99 admins.

  Background:
    Given the app has users "alice, bob, carol, dave"

  @R-ADM-01 @R-ADM-02
  Scenario: Promote a member; the admin list shows them with a count
    Given a chatroom owned by alice with members bob and carol
    When I make bob an admin of the room
    Then the response status is 200
    And the JSON at "data.result" is "success"
    And the JSON at "data.newadmin" is "bob"
    When I list the room's admins
    Then the response status is 200
    And the room's admins are bob
    And the JSON at "count" is 1

  @R-ADM-01
  Scenario: A new chatroom has no admins
    Given a chatroom owned by alice with members bob
    When I list the room's admins
    Then the response status is 200
    And the room's admins are nobody
    And the JSON at "count" is 0

  @R-ADM-02
  Scenario: An admin is still listed as a member
    Given a chatroom owned by alice with members bob
    And bob is an admin of the room
    When I list the room's members
    Then the room's owner is alice and its members are bob

  @R-ADM-02
  Scenario: A user who is not in the room can not be promoted
    001 gives no status: 403 "forbidden_op" is the mock's choice.
    Given a chatroom owned by alice with members bob
    When I make carol an admin of the room
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "user: {carol} doesn't exist in chatroom: {room}"
    And the room's admins are nobody

  @R-ADM-02
  Scenario: The owner can not be promoted
    001 gives no status: 403 with the group document's wording for the owner ("chatroom" for
    "group") is the mock's choice.
    Given a chatroom owned by alice with members bob
    When I make alice an admin of the room
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "forbidden operation on chatroom owner!"
    And the room's admins are nobody

  @R-ADM-02
  Scenario: A user who does not exist can not be promoted
    001 gives no status: 400 "username X doesn't exist!" is the mock's choice, as the group
    documents answer for a missing user here (G-ADM-02).
    Given a chatroom owned by alice
    When I make ghost an admin of the room
    Then the response status is 400
    And the error description is "username {ghost} doesn't exist!"

  @R-ADM-02
  Scenario: At most 99 admins
    001's role table: "at most 99 admins". It gives no status for the 100th: 403 is the
    mock's choice.
    Given a chatroom owned by alice
    And the app has users "fan1 to fan100"
    And fan1 to fan100 are members of the room
    When I make fan1 to fan99 admins of the room
    Then every promotion succeeded
    When I make fan100 an admin of the room
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "{room} already has 99 admins, the most allowed"
    When I list the room's admins
    Then the JSON at "count" is 99

  @R-ADM-03
  Scenario: Demote an admin to an ordinary member
    Given a chatroom owned by alice with members bob and carol
    And bob is an admin of the room
    And carol is an admin of the room
    When I demote bob from admin of the room
    Then the response status is 200
    And the JSON at "data.result" is "success"
    And the JSON at "data.oldadmin" is "bob"
    When I list the room's admins
    Then the room's admins are carol
    And bob is a member of the room

  @R-ADM-03
  Scenario: A member who is not an admin can not be demoted
    001 gives no status: 403 is the mock's choice.
    Given a chatroom owned by alice with members bob
    When I demote bob from admin of the room
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "user {bob} is not an admin of chatroom {room}"
    And bob is a member of the room

  @R-ADM-01 @R-ADM-02 @R-ADM-03
  Scenario: Admin calls on a chatroom that does not exist
    Given a chatroom that does not exist
    When I list the room's admins
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {room} does not exist!"
    When I make bob an admin of the room
    Then the response status is 404
    And the error description is "grpID {room} does not exist!"
    When I demote bob from admin of the room
    Then the response status is 404
    And the error description is "grpID {room} does not exist!"

  @R-MEM-07 @R-ADM-03
  Scenario: A removed admin is no longer an admin, muted nor allow-listed
    Treating removal from the room as leaving it is inferred.
    Given a chatroom owned by alice with members bob and carol
    And bob is an admin of the room
    And bob is muted in the room for 60000 ms
    And bob is on the room's allow list
    When I remove bob from the room
    Then the response status is 200
    And the room's admins are nobody
    And the room's mute list does not show bob
    And the room's allow list is empty
