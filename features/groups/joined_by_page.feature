@groups @today
Feature: Membership check and the groups a user joined, by page (today's pages group_check_joined.md, group_obtain_joined.md)

  @G-JOIN-01 @G-JOIN-02
  Scenario: is_joined answers a bare Boolean: true for the owner and members, false for others
    Given a group owned by alice with members bob
    And the app has users "dave"
    When I ask whether bob has joined the group
    Then the response status is 200
    And the JSON at "" has exactly the keys "action", "application", "data", "duration", "organization" and "timestamp"
    And the JSON at "action" is "get"
    And the JSON at "data" is true
    When I ask whether alice has joined the group
    Then the JSON at "data" is true
    When I ask whether dave has joined the group
    Then the response status is 200
    And the JSON at "data" is false

  @G-JOIN-02
  Scenario: A removed or blocked user has not joined
    Inferred: removal and blocking both take the user out of the group.

    Given a group owned by alice with members bob and carol
    When I remove bob from the group
    And I block carol from the group
    And I ask whether bob has joined the group
    Then the JSON at "data" is false
    When I ask whether carol has joined the group
    Then the JSON at "data" is false

  @G-JOIN-03
  Scenario: is_joined on a group or a user that does not exist answers 404
    Only 401 is documented; inferred 404 resource_not_found as other group calls answer.

    Given a group owned by alice
    And "ghost" is not a user of the app
    When I ask whether ghost has joined the group
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "username {ghost} doesn't exist!"
    When I ask whether alice has joined a group that does not exist
    Then the response status is 404
    And the error description is "grpID 999999999999999999 does not exist!"

  @G-JOIN-04 @doc-conflict
  Scenario: is_joined is served as GET, as the page shows, and as POST, as the rate tables list it
    The page (Chinese and English) uses GET; both rate tables list the call as POST. Client SDKs
    may call either, so the mock answers both alike (the envelope's action is the method).

    Given a group owned by alice with members bob
    And the app has users "dave"
    When I ask whether bob has joined the group
    Then the response status is 200
    And the JSON at "action" is "get"
    And the JSON at "data" is true
    When I ask by POST whether bob has joined the group
    Then the response status is 200
    And the JSON at "" has exactly the keys "action", "application", "data", "duration", "organization" and "timestamp"
    And the JSON at "action" is "post"
    And the JSON at "data" is true
    When I ask by POST whether dave has joined the group
    Then the response status is 200
    And the JSON at "data" is false
    When I remove bob from the group
    And I ask by POST whether bob has joined the group
    Then the JSON at "data" is false
    When I ask by POST whether alice has joined a group that does not exist
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID 999999999999999999 does not exist!"

  @G-JOIN-05 @G-JOIN-06
  Scenario: The joined groups come 5 to a page by default, in entities, with the user's total
    Given a group owned by alice with members bob
    And another group "g2" owned by alice with members bob
    And another group "g3" owned by alice with members bob
    And another group "g4" owned by alice with members bob
    And another group "g5" owned by alice with members bob
    And another group "g6" owned by carol with members bob
    When I list the groups bob is in
    Then the response status is 200
    And the JSON at "action" is "get"
    And the JSON at "entities" has 5 items
    And the JSON at "total" is 6
    And there is no JSON at "data"
    And there is no JSON at "count"
    And there is no JSON at "cursor"
    And the JSON at "entities.0.groupId" is "{g6}"
    And the JSON at "entities.0.id" is "{g6}"
    And the JSON at "entities.0.owner" is "carol"
    And the JSON at "entities.0.disabled" is false
    And the JSON at "entities.0.public" is true
    And the JSON at "entities.0.maxusers" is a number
    And the JSON at "entities.0.created" is a number
    And the JSON at "entities.0.allowinvites" is false
    And the JSON at "entities.0.membersonly" is false
    When I list the groups bob is in, 25 per page
    Then the response status is 200
    And the JSON at "entities" has 6 items

  @G-JOIN-07
  Scenario: A user in no group gets no entities and total 0; a user who does not exist gets 404
    Given the app has users "dave"
    And "ghost" is not a user of the app
    When I list the groups dave is in
    Then the response status is 200
    And the JSON at "entities" has 0 items
    And the JSON at "total" is 0
    When I list the groups ghost is in
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "username {ghost} doesn't exist!"

  @G-JOIN-08 @doc-conflict
  Scenario: pagenum counts from 0 on this call: page 0 is the first and page 1 the second
    The older /users/{username}/joined_chatgroups and the member lists count from 1; this page
    says it starts at page 0, so the mock serves page 0 first and page 1 second.

    Given a group owned by alice with members bob
    And another group "g2" owned by alice with members bob
    And another group "g3" owned by alice with members bob
    When I list the groups bob is in, page 0 with 2 per page
    Then the JSON at "entities" has 2 items
    And the JSON at "entities.0.groupId" is "{g3}"
    And the JSON at "total" is 3
    When I list the groups bob is in, page 1 with 2 per page
    Then the JSON at "entities" has 1 item
    And the JSON at "entities.0.groupId" is "{group}"
    And the pages together hold "g3", "g2" and "group"

  @G-JOIN-09
  Scenario: The older joined-groups call is still served
    Given a group owned by alice with members bob
    When I list the groups bob has joined
    Then the response status is 200
    And the JSON at "data.0.groupid" is "{group}"
    And the JSON at "count" is 1

  @G-JOIN-10
  Scenario: A disabled group is still listed, as disabled
    Inferred from the field's presence.

    Given a group owned by alice with members bob
    And another group "g2" owned by alice with members bob
    When I disable the group
    And I list the groups bob is in
    Then the JSON at "total" is 2
    And the JSON at "entities.0.groupId" is "{g2}"
    And the JSON at "entities.0.disabled" is false
    And the JSON at "entities.1.groupId" is "{group}"
    And the JSON at "entities.1.disabled" is true

  @G-JOIN-10
  Scenario Outline: A group the user left or that was deleted is not listed: <change>
    Inferred from membership.

    Given a group owned by alice with members bob
    And another group "g2" owned by alice with members bob
    When I <change>
    Then the response status is 200
    When I list the groups bob is in
    Then the JSON at "total" is 1
    And the JSON at "entities" has 1 item
    And the JSON at "entities.0.groupId" is "{g2}"

    Examples:
      | change                     |
      | remove bob from the group  |
      | delete the group           |
