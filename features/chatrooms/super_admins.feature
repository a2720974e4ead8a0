Feature: Chatroom super admins
  Only a chatroom super admin may create chatrooms from a client. The app admin adds one super
  admin per call, lists them a page at a time and revokes the role.

  Background:
    Given the app has users "alice, bob, carol"

  @R-SUP-01 @R-SUP-02
  Scenario: Make a user a super admin; the list shows them
    When I make bob a super admin
    Then the response status is 200
    And the JSON at "data.result" is "success"
    And the JSON at "data.resource" is ""
    When I list the super admins with pagenum 1 and pagesize 100
    Then the response status is 200
    And the super admins include bob

  @R-SUP-02
  Scenario: Super admins come a page at a time, with the query echoed and a count
    Given bob is a super admin
    And carol is a super admin
    When I list the super admins with pagenum 1 and pagesize 1
    Then the response status is 200
    And the JSON at "data" has 1 items
    And the JSON at "count" is 1
    And the query is echoed as pagenum "1" and pagesize "1"

  @R-SUP-02
  Scenario: Without paging parameters the first 10 super admins are listed
    pagenum defaults to 1 and pagesize to 10.
    Given the app has users "boss1 to boss11"
    And boss1 to boss11 are super admins
    When I list the super admins
    Then the response status is 200
    And the answer holds 10 super admins

  @R-SUP-03
  Scenario: Revoke a super admin
    Given bob is a super admin
    When I revoke bob's super admin role
    Then the response status is 200
    And the JSON at "data.newSuperAdmin" is "bob"
    And the JSON at "data.resource" is ""
    And the answer carries an empty "properties" object
    When I list the super admins with pagenum 1 and pagesize 100
    Then the super admins do not include bob

  @R-SUP-01
  Scenario: Only one super admin per call
    When I make bob and carol super admins in one call
    Then the response status is 400
    And the response error is "invalid_parameter"

  @R-SUP-01
  Scenario: A user who does not exist can not be made a super admin
    001 documents no error for this call: 404 "username X doesn't exist!" is the mock's choice.
    When I make ghost a super admin
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "username {ghost} doesn't exist!"

  @R-SUP-03
  Scenario: Revoking a user who is not a super admin
    001 documents no error for this call: 404 is the mock's choice.
    When I revoke carol's super admin role
    Then the response status is 404
    And the response error is "resource_not_found"
    And the error description is "user {carol} is not a super admin"
    When I list the super admins
    Then the super admins do not include carol
