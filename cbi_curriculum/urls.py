app_name = "cbi_curriculum"
urlpatterns: list = []
