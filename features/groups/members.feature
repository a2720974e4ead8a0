@groups @group-members
Feature: Group members
  The app's server adds and removes group members, one at a time or in batches.
  Sources: 002 and 000.

  @G-MEM-01 @C-03
  Scenario: The member list shows the owner and the members
    Given a group owned by alice with members bob and carol
    When I list the group's members
    Then the response is the success envelope
    And the JSON at "data" has 3 items
    And the group's owner is alice and its members are bob and carol

  @G-MEM-01
  Scenario: The member list comes a page at a time
    Given a group owned by alice with members bob, carol and dave
    When I list the group's members, page 1 with 2 per page
    Then the response status is 200
    And the JSON at "data" has 2 items
    When I list the group's members, page 2 with 2 per page
    Then the response status is 200
    And the pages together hold alice, bob, carol and dave

  @G-MEM-01
  Scenario Outline: At most 1000 members per page: pagesize <pagesize> is <verdict>
    Given a group owned by alice with members bob
    When I list the group's members, page 1 with <pagesize> per page
    Then the response status is <status>
    And the response <answer>

    Examples:
      | pagesize | verdict  | status | answer                        |
      | 1000     | accepted | 200    | is the success envelope       |
      | 1001     | rejected | 400    | has the service's error shape |

  @G-MEM-01 @C-08 @C-09
  Scenario: The member list of a group that does not exist answers 404 service_resource_not_found
    Given a group that does not exist
    When I list the group's members
    Then the response status is 404
    And the response error is "service_resource_not_found"
    And the error description is "do not find this group:{group}"

  @G-MEM-02 @C-03
  Scenario: Add one member
    Given a group owned by alice
    And the app has users "bob"
    When I add bob to the group
    Then the response is the success envelope
    And the JSON at "data.result" is true
    And the JSON at "data.action" is "add_member"
    And the JSON at "data.user" is "bob"
    And the JSON at "data.groupid" is "{group}"
    And bob is a member of the group

  @G-MEM-03
  Scenario: Adding a user who is already a member is forbidden
    Given a group owned by alice with members bob
    When I add bob to the group
    Then the response status is 403
    And the response error is "forbidden_op"

  @G-MEM-04 @doc-conflict @C-07 @C-08
  Scenario: Adding a user who does not exist answers 404
    Other reading: 000 lists 400 for a user that does not exist; 002 shows 404
    resource_not_found "username X doesn't exist!", which is followed here.

    Given a group owned by alice
    And "ghost" is not a user of the app
    When I add ghost to the group
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "username {ghost} doesn't exist!"

  @G-MEM-04 @C-09
  Scenario: Adding a member to a group that does not exist answers 404
    Given a group that does not exist
    And the app has users "bob"
    When I add bob to the group
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {group} does not exist!"

  @G-MEM-05 @C-03
  Scenario: Add several members in one call
    Given a group owned by alice
    And the app has users "bob, carol"
    When I add bob and carol to the group in one call
    Then the response is the success envelope
    And the new members are exactly bob and carol
    And the JSON at "data.action" is "add_member"
    And the JSON at "data.groupid" is "{group}"
    And the group's owner is alice and its members are bob and carol

  @G-MEM-05
  Scenario Outline: At most 60 members are added in one call: <count> are <verdict>
    Given a group owned by alice
    And the app has users "fan1 to fan<count>"
    When I add fan1 to fan<count> to the group in one call
    Then the response status is <status>
    And the group has <members> members besides its owner

    Examples:
      | count | verdict  | status | members |
      | 60    | accepted | 200    | 60      |
      | 61    | rejected | 400    | 0       |

  @G-MEM-05 @C-09
  Scenario: Adding members to a group that does not exist answers 404
    Given a group that does not exist
    And the app has users "bob, carol"
    When I add bob and carol to the group in one call
    Then the response status is 404
    And the response error is "resource_not_found"

  @G-MEM-06
  Scenario: A batch where everyone is already a member is forbidden
    Given a group owned by alice with members bob and carol
    When I add bob and carol to the group in one call
    Then the response status is 403
    And the response error is "forbidden_op"

  @G-MEM-06
  Scenario: A batch where some are already members adds the others and lists only them
    The documents do not say what happens to a mixed batch; this is the inferred reading.

    Given a group owned by alice with members bob
    And the app has users "carol"
    When I add bob and carol to the group in one call
    Then the response status is 200
    And the new members are exactly carol
    And the group's owner is alice and its members are bob and carol

  @G-MEM-07
  Scenario: A batch that names the owner answers 404
    000 gives 404 when the owner is named in a batch add; 002 does not mention the case.

    Given a group owned by alice
    And the app has users "bob"
    When I add alice and bob to the group in one call
    Then the response status is 404
    And the response has the service's error shape

  @G-MEM-07 @doc-conflict @C-07
  Scenario: A batch with a user who does not exist answers 404
    Other reading: 000 lists 400 for a user that does not exist in a batch add; 002 lists 404
    for "the group or the person being added does not exist", which is followed here.

    Given a group owned by alice
    And the app has users "bob"
    And "ghost" is not a user of the app
    When I add bob and ghost to the group in one call
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description contains "{ghost}"

  @G-MEM-08 @C-03
  Scenario: Remove one member
    Given a group owned by alice with members bob and carol
    When I remove bob from the group
    Then the response is the success envelope
    And the JSON at "data.result" is true
    And the JSON at "data.action" is "remove_member"
    And the JSON at "data.user" is "bob"
    And the JSON at "data.groupid" is "{group}"
    And the group's owner is alice and its members are carol

  @G-MEM-08 @C-08
  Scenario: Removing a user who is not a member is forbidden
    Given a group owned by alice with members bob
    And the app has users "carol"
    When I remove carol from the group
    Then the response status is 403
    And the response error is "forbidden_op"
    And the response exception is "com.easemob.group.exception.ForbiddenOpException"
    And the error description is "users [{carol}] are not members of this group!"

  @G-MEM-08
  Scenario: Removing a user who does not exist answers 404
    Given a group owned by alice with members bob
    And "ghost" is not a user of the app
    When I remove ghost from the group
    Then the response status is 404
    And the response has the service's error shape

  @G-MEM-08 @C-09
  Scenario: Removing a member from a group that does not exist answers 404
    Given a group that does not exist
    And the app has users "bob"
    When I remove bob from the group
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {group} does not exist!"

  @G-MEM-09
  Scenario: Remove several members in one call
    Given a group owned by alice with members bob, carol and dave
    When I remove bob and carol from the group in one call
    Then the response status is 200
    And the JSON at "data" has 2 items
    And the result for bob is true
    And the result for bob says "action" is "remove_member"
    And the result for carol is true
    And the result for carol says "groupid" is "{group}"
    And the group's owner is alice and its members are dave

  @G-MEM-09
  Scenario: A batch removal reports each user who could not be removed
    Given a group owned by alice with members bob
    And "ghost" is not a user of the app
    When I remove bob and ghost from the group in one call
    Then the response status is 200
    And the result for bob is true
    And the result for ghost is false
    And the result for ghost gives the reason "user {ghost} doesn't exist."
    And the group's owner is alice and its members are nobody

  @G-MEM-09
  Scenario: A batch removal where nobody is a member is forbidden
    Given a group owned by alice with members bob
    And the app has users "carol, dave"
    When I remove carol and dave from the group in one call
    Then the response status is 403
    And the response error is "forbidden_op"

  @G-MEM-09 @C-09
  Scenario: A batch removal from a group that does not exist answers 404
    Given a group that does not exist
    And the app has users "bob, carol"
    When I remove bob and carol from the group in one call
    Then the response status is 404
    And the response error is "resource_not_found"

  @G-MEM-09
  Scenario Outline: A batch removal names at most 60 users: <count> are <verdict>
    60 is 002's recommendation; the spec makes it a hard limit.

    Given a group owned by alice with members fan1 to fan60
    And the app has users "fan61"
    When I remove fan1 to fan<count> from the group in one call
    Then the response status is <status>
    And the group has <members> members besides its owner

    Examples:
      | count | verdict  | status | members |
      | 60    | accepted | 200    | 0       |
      | 61    | rejected | 400    | 60      |

  @G-MEM-10
  Scenario: The owner can not be removed as a member
    The documents name no status; 403 like the other forbidden operations on the owner is
    inferred.

    Given a group owned by alice with members bob
    When I remove alice from the group
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "forbidden operation on group owner!"
    And the group's owner is alice and its members are bob

  @G-MEM-11
  Scenario: The member count can not exceed maxusers, the owner included
    The documents give the rule, not the status; 403 is inferred.

    Given a group owned by alice for at most 3 users with members bob and carol
    And the app has users "dave"
    When I add dave to the group
    Then the response status is 403
    And the response error is "forbidden_op"
    And dave is not a member of the group

  @G-MEM-11
  Scenario: A batch that would exceed maxusers is refused
    Given a group owned by alice for at most 3 users with members bob
    And the app has users "carol, dave"
    When I add carol and dave to the group in one call
    Then the response status is 403
    And the response error is "forbidden_op"
    And the group's owner is alice and its members are bob

  @G-MEM-11
  Scenario: A member may take the last seat of maxusers, the owner included
    Given a group owned by alice for at most 3 users with members bob
    And the app has users "carol"
    When I add carol to the group
    Then the response status is 200
    And the group's owner is alice and its members are bob and carol

  @G-MEM-11
  Scenario: A batch may fill a group to exactly maxusers, the owner included
    Given a group owned by alice for at most 4 users with members bob
    And the app has users "carol, dave"
    When I add carol and dave to the group in one call
    Then the response status is 200
    And the group's owner is alice and its members are bob, carol and dave

  @G-MEM-08
  Scenario: A removed member is no longer an admin nor muted
    Given a group owned by alice with members bob and carol
    And bob is an admin of the group
    And bob is muted in the group for 60000 ms
    When I remove bob from the group
    Then the response status is 200
    And the group's admins are nobody
    And the group's mute list does not show bob
