@groups @today
Feature: Message threads of groups (today's pages group_thread_*.md)
  A thread hangs on a group message, which the scenarios send with POST /messages/chatgroups
  (message_group.md), so they run on every target. Every thread error is named group_error,
  except a body that is not JSON (param_illegal). Two set-ups no call can make use the mock's
  control API and are @mock-only: switching the app's thread feature off, and a message sent
  inside a thread. On a live app the thread feature must be on (a console setting), and the
  scenarios that read the app's whole thread list (GET /thread) expect no threads but their own.

  @G-THR-01 @mock-only
  Scenario: Every thread call answers 403 while the app's thread feature is off; it is on by default
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    And the thread feature is off for the app
    When alice creates a thread "t1" on the message "m1"
    Then the response status is 403
    And the response error is "group_error"
    And the error description is "thread not open."
    When I list the app's threads
    Then the response status is 403
    And the error description is "thread not open."
    Given the thread feature is on for the app
    When alice creates a thread "t1" on the message "m1"
    Then the response status is 200

  @G-THR-02 @G-THR-06
  Scenario: Creating a thread answers its id; the owner is its first member
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    When alice creates a thread "t1" on the message "m1"
    Then the response status is 200
    And the response is the success envelope
    And the JSON at "data.thread_id" is a string of digits
    When I list the members of the thread
    Then the JSON at "data.affiliations" lists exactly "alice"
    When I list alice's threads
    Then the JSON at "entities.0.id" is "{thread}"
    And the JSON at "entities.0.owner" is "alice"
    And the JSON at "entities.0.msgId" is "{m1}"

  @G-THR-02
  Scenario: group_id and msg_id may be sent as numbers, as the page's example does
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    When alice creates a thread "t1" on the message "m1" with group_id and msg_id written as numbers
    Then the response status is 200
    And the JSON at "data.thread_id" is a string of digits

  @G-THR-03
  Scenario: A thread name over 64 characters is refused
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    When alice creates a thread "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" on the message "m1"
    Then the response status is 400
    And the response error is "group_error"
    And the error description is "thread name limit reached."
    When I list alice's threads
    Then the JSON at "entities" has 0 items

  @G-THR-03
  Scenario: A thread name of exactly 64 characters is accepted
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    When alice creates a thread "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn" on the message "m1"
    Then the response status is 200
    When I list alice's threads
    Then the JSON at "entities" has 1 item
    And the JSON at "entities.0.name" is "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"

  @G-THR-03
  Scenario: A body that is not JSON is refused as Spring refuses it, before any rule
    Given a group owned by alice with members bob
    When I send "POST" to "/thread" breaking the spec (a body that is not JSON) with the body:
      """
      {"group_id": "{group}", "name":
      """
    Then the response status is 400
    And the response has the service's error shape
    And the response error is "param_illegal"
    And the error description is "Failed to read HTTP message"
    When I list alice's threads
    Then the JSON at "entities" has 0 items

  @G-THR-04
  Scenario: A thread needs a group message of this group, without a thread yet
    Not modelled: "msg not belong to app." (a message of another app).

    Given a group owned by alice with members bob
    And another group "other" owned by alice with members bob
    And a group message "m1" has been sent in the group
    And a group message "m2" has been sent in the group "other"
    And a chat message "c1" has been sent to bob
    When alice creates a thread "t1" on the message "c1"
    Then the response status is 400
    And the response error is "group_error"
    And the error description is "thread must on group message to create."
    When alice creates a thread "t1" on the message "m2"
    Then the response status is 400
    And the error description is "msg not belong to group ."
    When alice creates a thread "t1" on the message "m1"
    Then the response status is 200
    When alice creates a thread "t1" on the message "m1"
    Then the response status is 403
    And the response error is "group_error"
    And the error description is "msg already create thread.not allow to create."
    When alice creates a thread "t1" on a message that does not exist
    Then the response status is 404
    And the error description is "msg not exist."
    When I list alice's threads
    Then the JSON at "entities" has 1 item
    And the JSON at "entities.0.msgId" is "{m1}"

  @G-THR-04 @mock-only
  Scenario: A message inside a thread can not have a thread of its own
    No call of the contract sends a message inside a thread: the mock's control API records one.

    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    And a message "n1" has been sent in the thread "thread"
    When alice creates a thread "t1" on the message "n1"
    Then the response status is 400
    And the response error is "group_error"
    And the error description is "thread not nested."
    When I list alice's threads
    Then the JSON at "entities" has 1 item

  @G-THR-05
  Scenario: The owner must be in the group, and the group must exist
    Given a group owned by alice with members bob
    And the app has users "dave"
    And a group message "m1" has been sent in the group
    When dave creates a thread "t1" on the message "m1"
    Then the response status is 404
    And the response error is "group_error"
    And the error description is "user not in group."
    When alice creates a thread "t1" on the message "m1" in a group that does not exist
    Then the response status is 404
    And the error description is "group not found."

  @G-THR-07
  Scenario: Renaming a thread answers the new name; too long or a missing thread is refused
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I rename the thread to "renamed"
    Then the response status is 200
    And the JSON at "action" is "put"
    And the JSON at "data.name" is "renamed"
    When I rename the thread to "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn"
    Then the response status is 400
    And the error description is "thread name limit reached."
    When I rename a thread that does not exist to "x"
    Then the response status is 404
    And the response error is "group_error"
    And the error description is "thread not found."
    When I list alice's threads
    Then the JSON at "entities.0.name" is "renamed"

  @G-THR-07
  Scenario: A thread may be renamed to exactly 64 characters
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I rename the thread to "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"
    Then the response status is 200
    And the JSON at "data.name" is "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"
    When I list alice's threads
    Then the JSON at "entities.0.name" is "rrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrrr"

  @G-THR-08
  Scenario: Deleting a thread answers status ok and takes it out of every list
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I delete the thread
    Then the response status is 200
    And the JSON at "action" is "delete"
    And the JSON at "data.status" is "ok"
    When I list the app's threads 50 at a time
    Then the JSON at "entities" has no item whose "id" is "{thread}"
    When I list alice's threads in the group
    Then the JSON at "entities" has 0 items
    When I list alice's threads
    Then the JSON at "entities" has 0 items
    When I delete the thread
    Then the response status is 404
    And the error description is "thread not found."

  @G-THR-09 @needs-empty-app
  Scenario: The app's threads come newest first by default, by page, with a cursor
    Needs an empty app: it pages through the app's threads and expects its own three alone.

    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    And a group message "m2" has been sent in the group
    And a group message "m3" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    And I remember the JSON at "data.thread_id" as "first"
    And alice has created a thread "t1" on the message "m2"
    And alice has created a thread "t1" on the message "m3"
    And I remember the JSON at "data.thread_id" as "last"
    When I list the app's threads 2 at a time
    Then the response status is 200
    And the JSON at "entities" has 2 items
    And the JSON at "entities.0.id" is "{last}"
    And the JSON at "properties.cursor" exists
    And I remember the JSON at "properties.cursor" as "next"
    When I list the app's threads 2 at a time from the cursor "next"
    Then the JSON at "entities" has 1 item
    And the JSON at "entities.0.id" is "{first}"
    When I list the app's threads oldest first
    Then the JSON at "entities.0.id" is "{first}"
    When I list the app's threads 51 at a time
    Then the response status is 400
    And the response error is "group_error"
    And the error description is "query param reaches limit."

  @G-THR-09
  Scenario: The app's threads come at most 50 a page: limit 50 is accepted, 51 refused
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I list the app's threads 50 at a time
    Then the response status is 200
    And the JSON at "properties.cursor" exists
    When I list the app's threads 51 at a time
    Then the response status is 400
    And the response error is "group_error"
    And the error description is "query param reaches limit."

  @G-THR-10
  Scenario: A user's threads across groups carry name, owner, id, msgId, groupId and created
    Given a group owned by alice with members bob
    And another group "other" owned by carol with members bob
    And a group message "m1" has been sent in the group
    And a group message "m2" has been sent in the group "other"
    And alice has created a thread "t1" on the message "m1"
    And I remember the JSON at "data.thread_id" as "t1"
    And carol has created a thread "t1" on the message "m2" in the group "other"
    And I remember the JSON at "data.thread_id" as "t2"
    When I add bob to the thread "t1"
    And I add bob to the thread "t2"
    And I list bob's threads
    Then the response status is 200
    And the JSON at "entities" has 2 items
    And the JSON at "entities.0.id" is "{t2}"
    And the JSON at "entities.0.groupId" is "{other}"
    And the JSON at "entities.0.owner" is "carol"
    And the JSON at "entities.0.msgId" is "{m2}"
    And the JSON at "entities.0.name" is "t1"
    And the JSON at "entities.0.created" is a number
    And the JSON at "properties.cursor" exists
    When I list bob's threads 51 at a time
    Then the response status is 400
    And the error description is "query param reaches limit."

  @G-THR-10
  Scenario: A user's threads come at most 50 a page: limit 50 is accepted, 51 refused
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I list alice's threads 50 at a time
    Then the response status is 200
    And the JSON at "entities" has 1 item
    And the JSON at "entities.0.name" is "t1"
    When I list alice's threads 51 at a time
    Then the response status is 400
    And the response error is "group_error"
    And the error description is "query param reaches limit."

  @G-THR-11
  Scenario: A user's threads in one group leave out the other groups': the last page still carries a cursor, an empty page ends the list
    Given a group owned by alice with members bob
    And another group "other" owned by carol with members bob
    And a group message "m1" has been sent in the group
    And a group message "m2" has been sent in the group
    And a group message "m3" has been sent in the group "other"
    And alice has created a thread "t1" on the message "m1"
    And I remember the JSON at "data.thread_id" as "t1"
    And alice has created a thread "t2" on the message "m2"
    And I remember the JSON at "data.thread_id" as "t2"
    And carol has created a thread "t3" on the message "m3" in the group "other"
    And I remember the JSON at "data.thread_id" as "t3"
    When I add bob to the thread "t1"
    And I add bob to the thread "t2"
    And I add bob to the thread "t3"
    And I list bob's threads
    Then the JSON at "entities" has 3 items
    When I list bob's threads in the group 2 at a time
    Then the response status is 200
    And the JSON at "action" is "get"
    And the JSON at "entities" has 2 items
    And the JSON at "entities" has an item whose "id" is "{t1}"
    And the JSON at "entities" has an item whose "id" is "{t2}"
    And the JSON at "entities" has no item whose "id" is "{t3}"
    And the JSON at "entities.0.groupId" is "{group}"
    And the JSON at "entities.0.owner" is "alice"
    And the JSON at "entities.0.created" is a number
    And the JSON at "properties.cursor" exists
    And I remember the JSON at "properties.cursor" as "next"
    When I list bob's threads in the group 2 at a time from the cursor "next"
    Then the response status is 200
    And the JSON at "entities" has 0 items
    And the JSON at "properties.cursor" exists
    When I list bob's threads in the group "other"
    Then the JSON at "entities" has 1 item
    And the JSON at "entities.0.id" is "{t3}"
    When I list carol's threads in the group
    Then the response status is 200
    And the JSON at "entities" has 0 items

  @G-THR-11
  Scenario: A user's threads in one group come at most 50 a page: limit 50 is accepted, 51 refused
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I list alice's threads in the group 50 at a time
    Then the response status is 200
    And the JSON at "entities" has 1 item
    And the JSON at "entities.0.name" is "t1"
    When I list alice's threads in the group 51 at a time
    Then the response status is 400
    And the response error is "group_error"
    And the error description is "query param reaches limit."

  @G-THR-11
  Scenario: A user's threads in a group that does not exist are refused (inferred 404)
    The page lists no 404; the mock answers "group not found." as thread creation does.
    Given a group owned by alice with members bob
    When I list alice's threads in a group that does not exist
    Then the response status is 404
    And the response error is "group_error"
    And the error description is "group not found."

  @G-THR-12 @G-THR-13
  Scenario: Adding users to a thread answers status ok, and its members list shows them
    Given a group owned by alice with members bob and carol
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I add bob and carol to the thread
    Then the response status is 200
    And the JSON at "data.status" is "ok"
    When I list the members of the thread
    Then the response status is 200
    And the JSON at "action" is "get"
    And the JSON at "data.affiliations" lists exactly "alice, bob and carol"
    And the JSON at "properties.cursor" exists
    When I list the members of the thread 1 at a time
    Then the JSON at "data.affiliations" has 1 item
    When I list the members of the thread 51 at a time
    Then the response status is 400
    And the error description is "query param reaches limit."
    When I list the members of a thread that does not exist
    Then the response status is 404
    And the error description is "thread not found."

  @G-THR-13
  Scenario: Exactly 10 users are added to a thread in one call
    Given a group owned by alice with members fan1 to fan10
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I add fan1 to fan10 to the thread
    Then the response status is 200
    And the JSON at "data.status" is "ok"
    When I list the members of the thread 50 at a time
    Then the JSON at "data.affiliations" has 11 items

  @G-THR-13
  Scenario: More than 10 users in one add, or a missing thread, is refused
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I add bob to the thread with the name written 11 times
    Then the response status is 400
    And the response error is "group_error"
    And the error description is "request body reaches limit."
    When I add bob to a thread that does not exist
    Then the response status is 404
    And the error description is "thread not found."

  @G-THR-14
  Scenario: Only members of the thread's group can be added to it
    Inferred: the page does not say; the mock answers 404 group_error "user not in group.", as
    creating a thread for a non-member does.

    Given a group owned by alice with members bob
    And the app has users "dave"
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I add dave to the thread
    Then the response status is 404
    And the response error is "group_error"
    And the error description is "user not in group."
    When I list the members of the thread
    Then the JSON at "data.affiliations" lists exactly "alice"

  @G-THR-15
  Scenario: Removing users with a JSON body answers entities with a result each
    Given a group owned by alice with members bob and carol
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I add bob to the thread
    And I remove bob and carol from the thread
    Then the response status is 200
    And there is no JSON at "data"
    And the JSON at "entities" has 2 items
    And the JSON at "entities.0.user" is "bob"
    And the JSON at "entities.0.result" is true
    And the JSON at "entities.1.result" is false
    When I list the members of the thread
    Then the JSON at "data.affiliations" lists exactly "alice"
    When I remove bob from the thread with the name written 11 times
    Then the response status is 400
    And the error description is "request body reaches limit."
    When I remove bob from a thread that does not exist
    Then the response status is 404

  @G-THR-15
  Scenario: Removing users from a thread takes at most 10 in one call: 10 are removed, 11 refused
    Given a group owned by alice with members fan1 to fan11
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I add fan1 to fan10 to the thread
    And I remove fan1 to fan11 from the thread
    Then the response status is 400
    And the response error is "group_error"
    And the error description is "request body reaches limit."
    When I list the members of the thread 50 at a time
    Then the JSON at "data.affiliations" has 11 items
    When I remove fan1 to fan10 from the thread
    Then the response status is 200
    And the JSON at "entities" has 10 items
    And the JSON at "entities.9.result" is true
    When I list the members of the thread
    Then the JSON at "data.affiliations" lists exactly "alice"

  @G-THR-12
  Scenario: A thread's members come at most 50 a page: limit 50 is accepted, 51 refused
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I list the members of the thread 50 at a time
    Then the response status is 200
    And the JSON at "data.affiliations" lists exactly "alice"
    When I list the members of the thread 51 at a time
    Then the response status is 400
    And the response error is "group_error"
    And the error description is "query param reaches limit."

  @G-THR-16 @doc-conflict
  Scenario: Removing users is served on the page's path and on the rate tables' path
    The page uses /thread/{thread_id}/users; both rate tables list /threads/{thread_id}/users.
    The mock serves both.

    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I add bob to the thread
    And I send "DELETE" to "/threads/{thread}/users" with JSON:
      """
      {"usernames": ["{bob}"]}
      """
    Then the response status is 200
    And the JSON at "entities.0.result" is true
    When I list the members of the thread
    Then the JSON at "data.affiliations" lists exactly "alice"

  @G-THR-17
  Scenario: Leaving the group leaves its threads; deleting the group deletes them
    Given a group owned by alice with members bob and carol
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    When I add bob and carol to the thread
    And I remove bob from the group
    And I block carol from the group
    And I list the members of the thread
    Then the JSON at "data.affiliations" lists exactly "alice"
    When I delete the group
    And I list the members of the thread
    Then the response status is 404
    And the error description is "thread not found."
    When I list the app's threads 50 at a time
    Then the JSON at "entities" has no item whose "id" is "{thread}"
    When I list alice's threads
    Then the JSON at "entities" has 0 items

  @G-THR-17 @mock-only
  Scenario: Mute-all and disabling a group extend to its threads
    The mock keeps one sending state for the group and its threads.

    Given a group owned by alice with members bob
    When I mute everyone in the group
    Then the mock says bob may not send in the group
    When I lift the mute on everyone in the group
    And I disable the group
    Then the mock says bob may not send in the group

  @G-THR-18 @mock-only
  Scenario: Each thread call is limited to 100 calls a second per app
    Given a group owned by alice with members bob
    And a group message "m1" has been sent in the group
    And alice has created a thread "t1" on the message "m1"
    And the mock enforces rate limits without refilling them
    When I list the app's threads 100 times
    Then every one of those 100 calls answered 200
    When I list the app's threads
    Then the response status is 429
    And the response error is "reach_limit"
    When I list the members of the thread 100 times
    Then every one of those 100 calls answered 200
    When I list the members of the thread
    Then the response status is 429
    When I rename the thread to "again" 100 times
    Then every one of those 100 calls answered 200
    When I list alice's threads 100 times
    Then every one of those 100 calls answered 200
    When I list alice's threads
    Then the response status is 429
    When I list alice's threads in the group 100 times
    Then every one of those 100 calls answered 200
    When I list alice's threads in the group
    Then the response status is 429
