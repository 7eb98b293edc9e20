// What every db::Database does besides its roles (Ping, Kind), against every
// backend of store_contract.h; and the SQL databases' schema migrations.
#include "db/sql/migrations.h"
#include "unit/db/store_contract.h"

namespace {

using store_contract::kT0;

std::vector<int> AllVersions() {
  std::vector<int> versions;
  for (const auto& m : db::sql::AllMigrations()) versions.push_back(m.version);
  return versions;
}

template <class Backend>
class DatabaseTest : public store_contract::StoreTest<Backend> {};
TYPED_TEST_SUITE(DatabaseTest, store_contract::AllBackends, store_contract::BackendNames);

TYPED_TEST(DatabaseTest, PingsAndNamesItsKind) {
  EXPECT_TRUE(this->db_->Ping().ok());
  EXPECT_EQ(this->db_->Kind(), TypeParam::kKind);
}

template <class Backend>
class SqlMigrationsTest : public store_contract::StoreTest<Backend> {};
TYPED_TEST_SUITE(SqlMigrationsTest, store_contract::SqlBackends, store_contract::BackendNames);

TYPED_TEST(SqlMigrationsTest, MigrationsAreRecordedAndIdempotent) {
  auto applied = this->db_->AppliedMigrationsForTest();
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  EXPECT_EQ(*applied, AllVersions());
  ASSERT_TRUE(this->events().AppendEvents({this->Turn("a", "s1", kT0)}).ok());
  ASSERT_TRUE(this->db_->MigrateForTest().ok());
  // Reopening runs the migrations again: nothing changes, nothing is lost.
  this->db_.reset();
  auto reopened = this->backend_.Open();
  ASSERT_TRUE(reopened.ok()) << reopened.error().message;
  this->db_ = std::move(reopened).value();
  EXPECT_EQ(*this->db_->AppliedMigrationsForTest(), AllVersions());
  EXPECT_EQ(this->events().QueryEvents(this->AllEvents("a"))->size(), 1u);
}

}  // namespace
