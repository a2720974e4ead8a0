@groups @group-admins
Feature: Group admins and owner
  The owner may promote members to admins, demote them, and hand the group to another member.
  Sources: 000 and 002.

  @G-ADM-01 @C-03
  Scenario: List the group's admins
    Given a group owned by alice with members bob and carol
    And bob is an admin of the group
    When I list the group's admins
    Then the response is the success envelope
    And the JSON at "data" lists exactly "bob"
    And the JSON at "count" is 1

  @G-ADM-01
  Scenario: A new group has no admins
    Given a group owned by alice with members bob
    Then the group's admins are nobody

  @G-ADM-01 @C-09
  Scenario: The admins of a group that does not exist answer 404
    Given a group that does not exist
    When I list the group's admins
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {group} does not exist!"

  @G-ADM-02 @doc-conflict @C-03
  Scenario: Promote a member to admin
    Other reading: 002's example for this call is a copy of the admin-list example
    (data: ["user1"], action "get"); 000's shape {result: "success", newadmin} is followed here.

    Given a group owned by alice with members bob
    When I make bob an admin of the group
    Then the response is the success envelope
    And the JSON at "data.result" is "success"
    And the JSON at "data.newadmin" is "bob"
    And the group's admins are bob

  @G-ADM-02 @O-04 @observed @doc-conflict
  Scenario: Promoting a user who does not exist answers 404
    Other reading: 000 gives 400 for a user who does not exist (G-ADM-02). The service answers
    404 resource_not_found, in the words it uses for any user not in the group (O-04).

    Given a group owned by alice with members bob
    And "ghost" is not a user of the app
    When I make ghost an admin of the group
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "user: {ghost} doesn't exist in group: {group}"
    And the group's admins are nobody

  @G-ADM-02
  Scenario: The owner can not be promoted to admin
    Only a member is promoted; the documents name no status for the owner: 403, as for other
    forbidden operations on the owner, is inferred.

    Given a group owned by alice with members bob
    When I make alice an admin of the group
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "forbidden operation on group owner!"
    And the group's admins are nobody

  @G-ADM-02 @C-09
  Scenario: Promoting in a group that does not exist answers 404
    Given a group that does not exist
    And the app has users "bob"
    When I make bob an admin of the group
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {group} does not exist!"

  @G-ADM-03 @C-03
  Scenario: Demote an admin to member
    Given a group owned by alice with members bob and carol
    And bob and carol are admins of the group
    When I demote bob from admin of the group
    Then the response is the success envelope
    And the JSON at "data.result" is "success"
    And the JSON at "data.oldadmin" is "bob"
    And the group's admins are carol
    And bob is a member of the group

  @G-ADM-03
  Scenario: Demoting a user who does not exist answers 400
    Given a group owned by alice with members bob
    And "ghost" is not a user of the app
    When I demote ghost from admin of the group
    Then the response status is 400
    And the response has the service's error shape

  @G-ADM-03 @C-09
  Scenario: Demoting in a group that does not exist answers 404
    Given a group that does not exist
    And the app has users "bob"
    When I demote bob from admin of the group
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {group} does not exist!"

  @G-ADM-04 @slow
  Scenario: A group has at most 99 admins besides its owner
    Owner plus admins are at most 100. The status of the 100th promotion is not documented;
    403 is inferred.

    Given a group owned by alice with members fan1 to fan100
    And fan1 to fan99 are admins of the group
    When I make fan100 an admin of the group
    Then the response status is 403
    And the response error is "forbidden_op"
    And fan100 is a member of the group

  @G-OWN-01 @C-03
  Scenario: Hand the group to another member
    Given a group owned by alice with members bob and carol
    When I transfer the group to bob
    Then the response is the success envelope
    And the JSON at "data.newowner" is true
    And bob owns the group
    And the group's owner is bob and its members are alice and carol

  @G-OWN-01 @G-MATTR-12 @G-THR-17
  Scenario: The new owner keeps their member attributes and threads; the old owner keeps theirs
    Only leaving the group takes a user's attributes and threads away; both users stay in it.

    Given a group owned by alice with members bob
    When I set members' attributes in the group in one call:
      | user  | attributes |
      | alice | key1=a     |
      | bob   | key1=b     |
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    And I add bob to the thread
    When I transfer the group to bob
    Then the response status is 200
    And the JSON at "data.newowner" is true
    When I get bob's attributes in the group
    Then the response status is 200
    And the JSON at "data.key1" is "b"
    When I get alice's attributes in the group
    Then the response status is 200
    And the JSON at "data.key1" is "a"
    When I list the members of the thread
    Then the response status is 200
    And the JSON at "data.affiliations" lists exactly "alice and bob"

  @G-OWN-02 @C-08
  Scenario: The group can not be handed to a user who is not a member
    Given a group owned by alice with members bob
    And the app has users "carol"
    When I transfer the group to carol
    Then the response status is 403
    And the response error is "forbidden_op"
    And the error description is "user: {carol} doesn't exist in group: {group}"
    And alice owns the group

  @G-OWN-02 @C-09
  Scenario: Handing over a group that does not exist answers 404
    Given a group that does not exist
    And the app has users "bob"
    When I transfer the group to bob
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "grpID {group} does not exist!"
