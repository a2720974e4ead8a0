@groups @group-blocks
Feature: Group block list
  A blocked user is kicked out of the group, can not see it, and can not be added back until
  unblocked. Sources: 000 and 002.

  @G-BLK-01 @C-03
  Scenario: List the blocked users
    Given a group owned by alice with members bob and carol
    And bob is blocked from the group
    When I list the group's block list
    Then the response is the success envelope
    And the JSON at "data" lists exactly "bob"
    And the JSON at "count" is 1

  @G-BLK-01 @C-09
  Scenario: The block list of a group that does not exist answers 404
    Given a group that does not exist
    When I list the group's block list
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {group} does not exist!"

  @G-BLK-02 @C-03
  Scenario: Block one member: they leave the group and their joined list
    That the blocked user is absent from the members and from their joined list is inferred
    from "kicked out of the group and can not see it".

    Given a group owned by alice with members bob and carol
    When I block bob from the group
    Then the response is the success envelope
    And the JSON at "data.result" is true
    And the JSON at "data.action" is "add_blocks"
    And the JSON at "data.user" is "bob"
    And the JSON at "data.groupid" is "{group}"
    And the group's block list is exactly bob
    And bob is not a member of the group
    And bob is not in the group according to their joined list

  @G-BLK-02 @C-09
  Scenario: Blocking in a group that does not exist answers 404
    Given a group that does not exist
    And the app has users "bob"
    When I block bob from the group
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {group} does not exist!"

  @G-BLK-03 @C-08
  Scenario: The owner can not be blocked
    Given a group owned by alice with members bob
    When I block alice from the group
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "forbidden operation on group owner!"
    And the group's block list is empty

  @G-BLK-04 @doc-conflict @C-07
  Scenario: Blocking a user who does not exist is forbidden
    Other reading: 000 lists 400 for a user that does not exist; 002 shows 403 under the
    caption "the user does not exist" with the text "users [X] are not members of this
    group!", which is followed here.

    Given a group owned by alice with members bob
    And "ghost" is not a user of the app
    When I block ghost from the group
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "users [{ghost}] are not members of this group!"

  @G-BLK-04
  Scenario: Blocking an existing user who is not a member is forbidden
    Given a group owned by alice with members bob
    And the app has users "carol"
    When I block carol from the group
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "users [{carol}] are not members of this group!"

  @G-BLK-05
  Scenario: Block several members in one call
    Given a group owned by alice with members bob, carol and dave
    When I block bob and carol from the group in one call
    Then the response status is 200
    And the JSON at "data" has 2 items
    And the result for bob is true
    And the result for bob says "action" is "add_blocks"
    And the result for carol is true
    And the result for carol says "groupid" is "{group}"
    And the group's block list is exactly bob and carol
    And the group's owner is alice and its members are dave

  @G-BLK-05
  Scenario: A batch block reports a user who is not a member
    Given a group owned by alice with members bob
    And the app has users "carol"
    When I block bob and carol from the group in one call
    Then the response status is 200
    And the result for bob is true
    And the result for carol is false
    And the result for carol gives the reason "user: {carol} doesn't exist in group: {group}"
    And the group's block list is exactly bob

  @G-BLK-05
  Scenario: A batch block that names the owner fails as a whole
    Given a group owned by alice with members bob
    When I block alice and bob from the group in one call
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "forbidden operation on group owner!"
    And the group's block list is empty
    And bob is a member of the group

  @G-BLK-05
  Scenario Outline: At most 60 users are blocked in one call: <count> are <verdict>
    Given a group owned by alice with members fan1 to fan61
    When I block fan1 to fan<count> from the group in one call
    Then the response status is <status>
    And the group's block list is exactly <blocked>

    Examples:
      | count | verdict  | status | blocked       |
      | 60    | accepted | 200    | fan1 to fan60 |
      | 61    | rejected | 400    | nobody        |

  @G-BLK-05 @C-09
  Scenario: A batch block in a group that does not exist answers 404
    Given a group that does not exist
    And the app has users "bob, carol"
    When I block bob and carol from the group in one call
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {group} does not exist!"

  @G-BLK-06 @C-03
  Scenario: Unblock one user
    Given a group owned by alice with members bob
    And bob is blocked from the group
    When I unblock bob from the group
    Then the response is the success envelope
    And the JSON at "data.result" is true
    And the JSON at "data.action" is "remove_blocks"
    And the JSON at "data.user" is "bob"
    And the JSON at "data.groupid" is "{group}"
    And the group's block list is empty

  @G-BLK-06 @doc-conflict @C-07
  Scenario: Unblocking a user who does not exist answers 404
    Other reading: 000 lists 400 for a user that does not exist; 002 shows 404
    resource_not_found "username X doesn't exist!", which is followed here.

    Given a group owned by alice
    And "ghost" is not a user of the app
    When I unblock ghost from the group
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "username {ghost} doesn't exist!"

  @G-BLK-06 @C-09
  Scenario: Unblocking in a group that does not exist answers 404
    Given a group that does not exist
    And the app has users "bob"
    When I unblock bob from the group
    Then the response status is 404
    And the response error is "resource_not_found"

  @G-BLK-07
  Scenario: Unblock several users in one call
    Given a group owned by alice with members bob, carol and dave
    And bob, carol and dave are blocked from the group
    When I unblock bob and carol from the group in one call
    Then the response status is 200
    And the JSON at "data" has 2 items
    And the result for bob is true
    And the result for bob says "action" is "remove_blocks"
    And the result for carol is true
    And the group's block list is exactly dave

  @G-BLK-07
  Scenario: A batch unblock naming a user who does not exist answers 404
    Given a group owned by alice with members bob
    And bob is blocked from the group
    And "ghost" is not a user of the app
    When I unblock bob and ghost from the group in one call
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "username {ghost} doesn't exist!"

  @G-BLK-07
  Scenario: A batch unblock reports a user who was not blocked
    That a user who was not blocked is reported as a failed item is inferred.

    Given a group owned by alice with members bob and carol
    And bob is blocked from the group
    When I unblock bob and carol from the group in one call
    Then the response status is 200
    And the result for bob is true
    And the result for carol is false
    And the group's block list is empty

  @G-BLK-07 @C-09
  Scenario: A batch unblock in a group that does not exist answers 404
    Given a group that does not exist
    And the app has users "bob, carol"
    When I unblock bob and carol from the group in one call
    Then the response status is 404
    And the response error is "resource_not_found"

  @G-BLK-08
  Scenario: A blocked user can not be added back until unblocked
    The documents do not give the status; 403 is inferred.

    Given a group owned by alice with members bob
    And bob is blocked from the group
    When I add bob to the group
    Then the response status is 403
    And the response error is "forbidden_op"
    And bob is not a member of the group
    When I unblock bob from the group
    And I add bob to the group
    Then the response status is 200
    And bob is a member of the group

  @G-BLK-08
  Scenario: A blocked user can not be added back in a batch either
    Given a group owned by alice with members bob
    And bob is blocked from the group
    When I add bob to the group in one call
    Then the response status is 403
    And bob is not a member of the group

  @G-BLK-06
  Scenario: Unblocking a user who is not blocked is refused
    The documents name no status: 403, as for the other forbidden operations, is inferred.

    Given a group owned by alice with members bob
    When I unblock bob from the group
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "user {bob} is not on the block list of {group}"
    And bob is a member of the group
